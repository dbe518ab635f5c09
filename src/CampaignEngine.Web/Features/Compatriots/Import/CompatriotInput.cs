namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>One compatriot as validated from an import row (or generated as demo data), ready to be written.</summary>
internal sealed record CompatriotInput(
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

/// <summary>
/// One fault of an import: the row a spreadsheet shows (0: the file as a whole), the column, and the problem in English
/// for the API. <see cref="Problem"/> and <see cref="Values"/> say the same as a text key (<c>dir.import.problem.*</c>)
/// and the values it names, so that the page says it in the reader's language.
/// </summary>
internal sealed record ImportError(int Row, string Field, string Error)
{
    public string Problem { get; init; } = "";
    public IReadOnlyList<string> Values { get; init; } = [];
}
