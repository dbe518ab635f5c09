namespace CampaignEngine.Web.Features.Compatriots;

/// <summary>
/// How the directory stores a person's lists (sectors, interests, channel order) in one column: codes joined by
/// <c>;</c>, and no list at all as null rather than an empty text. Both directions here, so the writers and the
/// readers of those columns cannot drift apart.
/// </summary>
internal static class StoredList
{
    public static string? Join(IReadOnlyCollection<string> items) => items.Count == 0 ? null : string.Join(';', items);

    public static string[] Split(string? stored) => stored?.Split(';', StringSplitOptions.RemoveEmptyEntries) ?? [];
}
