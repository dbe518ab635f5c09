using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Shared;

/// <summary>
/// The vocabularies of stored codes that pages of several features, exports and file names show. Pages and exports say
/// a code through <see cref="UiText.Say"/>; a test checks that each code of every vocabulary the product declares (these,
/// and those a feature keeps beside its own code, like <c>CertificateVocabularies</c>) has its words in all three
/// languages, and the raw-code scan of the Kyrgyz and Russian pages reads them all, so a code added is watched from then
/// on. They are the features' codes (roles, campaign statuses…), so they live among the features rather than in
/// Infrastructure, which says a code without knowing any feature.
/// </summary>
internal static class Vocabularies
{
    public static readonly CodeVocabulary Channels = new("channel.", [.. Vocabulary.Channels, "none"]);

    public static readonly CodeVocabulary MessageStatuses = new("message.status.", ["pending", "sending", "sent", "delivered", "failed", "skipped"]);

    /// <summary>Reasons the host itself writes into a message's error (a provider's own words are shown as they came).</summary>
    public static readonly CodeVocabulary MessageErrors = new("message.error.",
        ["opted-out", "no-address", "cancelled", "module-disabled", "certificate-missing", "recipient-erased", "answer-missing", "capped", "paused",
         "erasure-requested"]);

    public static readonly CodeVocabulary CampaignStatuses = new("camp.status.", ["draft", "scheduled", "sending", "paused", "completed", "cancelled"]);

    /// <summary>Template ids of the modules and of <c>templates/_shared</c>.</summary>
    public static readonly CodeVocabulary Templates = new("template.", ["appeal", "reminder", "thank-you", "certificate", "certificate-delivery", "desk-answer"]);

    /// <summary>What a system campaign is for (campaign.purpose), and the words of the names the host gives them.</summary>
    public static readonly CodeVocabulary CampaignPurposes = new("camp.purpose.", ["appeal", "pledge-reminder", "certificate-delivery", "desk-answer"]);

    public static readonly CodeVocabulary AuditActions = new("audit.action.",
    [
        "sign-in", "sign-in.failed", "sign-out", "sign-out.everywhere", "password.change", "password.change.failed",
        "apikey.create", "apikey.revoke",
        "user.create", "user.disable", "user.enable", "user.role", "user.sessions.end", "user.password-reset",
        "directory.import", "directory.import.queued", "compatriot.export", "compatriot.erase",
        "campaign.launch", "campaign.pause", "campaign.resume", "campaign.cancel", "template.save", "module.settings.save", "module.settings.restore",
        "pledge.record", "pledge.confirm", "pledge.cancelled", "pledge.written_off", "pledge.offer.confirm", "pledge.offer.drop",
        "fulfilment.record", "fulfilment.approve", "fulfilment.reject", "rates.update",
        "project.create", "project.update", "project.post_update",
        "certificate.issue", "certificate.reissue", "certificate.revoke", "certificate.deliver", "certificate.nominate",
        "certificate.issuer.edit",
        "desk.assign", "desk.tag", "desk.forward", "desk.close", "desk.note", "desk.answer", "desk.link",
        "desk.saved-reply.create", "desk.saved-reply.update", "desk.saved-reply.delete",
        "me.preferences", "me.rotate", "me.receipt", "me.statement", "me.certificate", "compatriot.change.accept", "compatriot.change.reject",
        "me.export", "me.erase.request", "privacy.erasure.confirm", "privacy.erasure.refuse", "privacy.erasure.done",
        "me.pledge.pause", "me.pledge.resume", "me.pledge.stop",
        "jobs.command",
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

    /// <summary>A module's kind and load state, as the Modules page and <c>GET /api/modules</c> say them.</summary>
    public static readonly CodeVocabulary ModuleKinds = new("module.kind.", ["data", "code"]);

    public static readonly CodeVocabulary ModuleStates = new("module.state.", ["loaded", "failed", "disabled"]);
}
