using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Certificates;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Shared;

/// <summary>
/// Every vocabulary of stored codes that a staff page, export or file name shows, in one place. Pages and exports say
/// a code through <see cref="UiText.Say"/>; a test checks that each code has its words in all three languages, and the
/// raw-code scan of the Kyrgyz and Russian pages reads these lists, so a code added here is watched from then on.
/// The lists are the features' codes (roles, certificate kinds, campaign statuses…), so the catalogue lives among the
/// features rather than in Infrastructure, which says a code without knowing any feature.
/// </summary>
public static class Vocabularies
{
    public static readonly CodeVocabulary Channels = new("channel.", [.. Vocabulary.Channels, "none"]);

    public static readonly CodeVocabulary MessageStatuses = new("message.status.", ["pending", "sending", "sent", "delivered", "failed", "skipped"]);

    /// <summary>Reasons the host itself writes into a message's error (a provider's own words are shown as they came).</summary>
    public static readonly CodeVocabulary MessageErrors = new("message.error.",
        ["opted-out", "no-address", "cancelled", "module-disabled", "certificate-missing", "recipient-erased"]);

    public static readonly CodeVocabulary CampaignStatuses = new("camp.status.", ["draft", "scheduled", "sending", "paused", "completed", "cancelled"]);

    /// <summary>Template ids of the modules and of <c>templates/_shared</c>.</summary>
    public static readonly CodeVocabulary Templates = new("template.", ["appeal", "reminder", "thank-you", "certificate", "certificate-delivery"]);

    /// <summary>What a system campaign is for (campaign.purpose), and the words of the names the host gives them.</summary>
    public static readonly CodeVocabulary CampaignPurposes = new("camp.purpose.", ["appeal", "pledge-reminder", "certificate-delivery"]);

    public static readonly CodeVocabulary AuditActions = new("audit.action.",
    [
        "sign-in", "sign-in.failed", "sign-out", "sign-out.everywhere", "password.change", "password.change.failed",
        "apikey.create", "apikey.revoke",
        "user.create", "user.disable", "user.enable", "user.role", "user.sessions.end", "user.password-reset",
        "directory.import", "compatriot.export", "compatriot.erase",
        "campaign.launch", "campaign.pause", "campaign.resume", "campaign.cancel", "template.save",
        "pledge.record", "pledge.confirm", "pledge.cancelled", "pledge.written_off", "pledge.offer.confirm", "pledge.offer.drop",
        "fulfilment.record", "fulfilment.approve", "fulfilment.reject", "rates.update",
        "project.create", "project.update", "project.post_update",
        "certificate.issue", "certificate.reissue", "certificate.revoke", "certificate.deliver", "certificate.nominate",
        "certificate.issuer.edit",
    ]);

    /// <summary>Who acted when no user did (the audit log's actor).</summary>
    public static readonly CodeVocabulary AuditActors = new("audit.actor.", ["system", "anonymous"]);

    public static readonly CodeVocabulary Languages = new("lang.", Core.Reference.Languages.All);

    public static readonly CodeVocabulary Genders = new("gender.", Vocabulary.Genders);

    public static readonly CodeVocabulary Willingness = new("willing.", [.. Vocabulary.Willingness, "unknown"]);

    public static readonly CodeVocabulary PledgeKinds = new("kind.", ["money", "time", "in_kind"]);

    public static readonly CodeVocabulary ContributionTypes = new("contribution.", Vocabulary.ContributionTypes);

    public static readonly CodeVocabulary Sectors = new("sector.", Vocabulary.Sectors);

    public static readonly CodeVocabulary PledgeStatuses = new("pledges.status.",
        ["pledged", "awaiting_confirmation", "confirmed", "partially_fulfilled", "fulfilled", "cancelled", "written_off"]);

    public static readonly CodeVocabulary FulfilmentStatuses = new("pledges.fstatus.", ["awaiting_approval", "approved", "rejected"]);

    /// <summary>Who recorded a pledge: the person through their link, a leader or an officer.</summary>
    public static readonly CodeVocabulary PledgeRecorders = new("pledges.by.", ["self", "leader", "officer"]);

    public static readonly CodeVocabulary Roles = new("role.", Auth.Roles.All);

    public static readonly CodeVocabulary CertificateKinds = new("cert.kind.", Certificates.CertificateKinds.All);

    public static readonly CodeVocabulary CertificateStatuses = new("cert.status.",
        [CertificateStatus.Valid, CertificateStatus.Revoked, CertificateStatus.Superseded, CertificateStatus.Unknown, CertificateStatus.Tampered]);

    public static readonly CodeVocabulary NominationStatuses = new("cert.nom.status.", ["pending", "approved", "rejected"]);

    public static readonly CodeVocabulary BulkJobStatuses = new("cert.bulk.status.", ["queued", "running", "completed", "failed"]);

    public static readonly IReadOnlyList<CodeVocabulary> All =
    [
        Channels, MessageStatuses, MessageErrors, CampaignStatuses, Templates, CampaignPurposes, AuditActions, AuditActors,
        Languages, Genders, Willingness, PledgeKinds, ContributionTypes, Sectors, PledgeStatuses, FulfilmentStatuses,
        PledgeRecorders, Roles, CertificateKinds, CertificateStatuses, NominationStatuses, BulkJobStatuses,
    ];
}
