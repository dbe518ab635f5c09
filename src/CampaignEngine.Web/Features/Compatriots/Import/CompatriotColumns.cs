namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>The import file's columns, in the order of the documented header row.</summary>
internal static class CompatriotColumns
{
    public static readonly IReadOnlyList<string> All =
    [
        "external_id", "full_name", "gender", "birth_year", "home_region", "district", "village", "country", "city",
        "language", "years_abroad", "willing", "interests", "sectors", "organization", "email", "phone", "telegram",
        "channels",
    ];

    /// <summary>
    /// The columns every file carries: the id a re-import matches people by, and who and where a new person is (the
    /// country also reads their phone number). Any other may be left out (<see cref="AbsentColumns"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> Required = ["external_id", "full_name", "country"];

    public static string Header => string.Join(',', All);
}
