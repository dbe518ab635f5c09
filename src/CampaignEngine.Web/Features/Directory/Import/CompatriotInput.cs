namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>One compatriot as validated from an import row (or generated as demo data), ready to be written.</summary>
public sealed record CompatriotInput(
    string ExternalId,
    string FullName,
    string Gender,
    int? BirthYear,
    string? HomeRegion,
    string? District,
    string? Village,
    string Country,
    string? City,
    string TimeZone,
    string Language,
    string? YearsAbroad,
    string? Willing,
    IReadOnlyList<string> Interests,
    IReadOnlyList<string> Sectors,
    string? Organization,
    string? Email,
    string? Phone,
    string? Telegram,
    IReadOnlyList<string> Channels);

/// <summary>A row that was not imported: its row number as the spreadsheet shows it (header = 1), the field and why.</summary>
public sealed record ImportError(int Row, string Field, string Error);
