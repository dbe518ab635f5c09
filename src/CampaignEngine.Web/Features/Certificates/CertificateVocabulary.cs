using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Certificates;

/// <summary>The closed vocabularies of certificates, as stored and as accepted by the API.</summary>
internal static class CertificateKinds
{
    public const string Gratitude = "gratitude";
    public const string Honorary = "honorary";
    public const string HonoraryCitizen = "honorary_citizen";

    public static readonly IReadOnlyList<string> All = [Gratitude, Honorary, HonoraryCitizen];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind);
}

/// <summary>
/// Papers signed like certificates that attest a contribution instead of honouring a person: a receipt for one approved
/// fulfilment, and a person's yearly statement of them (<c>Receipts/</c>). Never issued by staff, so not in <see cref="CertificateKinds.All"/>.
/// </summary>
internal static class ReceiptKinds
{
    public const string Receipt = "receipt";
    public const string Statement = "statement";

    public static readonly IReadOnlyList<string> All = [Receipt, Statement];

    public static bool IsReceipt(string? kind) => kind is Receipt or Statement;
}

internal static class CertificateStatus
{
    public const string Valid = "valid";
    public const string Revoked = "revoked";
    public const string Superseded = "superseded";

    // Only answered by verification, never stored.
    public const string Unknown = "unknown";
    public const string Tampered = "tampered";
}

/// <summary>The certificates' codes as people read them (see <c>Features/Shared/Vocabularies.cs</c>).</summary>
internal static class CertificateVocabularies
{
    public static readonly CodeVocabulary Kinds = new("cert.kind.", [.. CertificateKinds.All, .. ReceiptKinds.All]);

    public static readonly CodeVocabulary Statuses = new("cert.status.",
        [CertificateStatus.Valid, CertificateStatus.Revoked, CertificateStatus.Superseded, CertificateStatus.Unknown, CertificateStatus.Tampered]);

    public static readonly CodeVocabulary NominationStatuses = new("cert.nom.status.", ["pending", "approved", "rejected"]);

    public static readonly CodeVocabulary BulkJobStatuses = new("cert.bulk.status.", ["queued", "running", "completed", "failed"]);
}
