namespace CampaignEngine.Web.Features.Certificates;

/// <summary>The closed vocabularies of certificates, as stored and as accepted by the API.</summary>
public static class CertificateKinds
{
    public const string Gratitude = "gratitude";
    public const string Honorary = "honorary";
    public const string HonoraryCitizen = "honorary_citizen";

    public static readonly IReadOnlyList<string> All = [Gratitude, Honorary, HonoraryCitizen];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind);
}

public static class CertificateStatus
{
    public const string Valid = "valid";
    public const string Revoked = "revoked";
    public const string Superseded = "superseded";

    // Only answered by verification, never stored.
    public const string Unknown = "unknown";
    public const string Tampered = "tampered";
}
