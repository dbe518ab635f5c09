namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// A leader's external ids are the organisation's own numbering, kept apart from the national one: a leader's new
/// person is stored under <c>org-{id}:{external id}</c>. Otherwise an id already used by a person of another
/// organisation (or of nobody's) could only be refused, and the refusal would tell the leader that this person exists
/// elsewhere. The column's uniqueness holds across namespaces, and people imported before keep their plain ids.
/// </summary>
internal static class LeaderExternalIds
{
    public static string Qualified(long organizationId, string externalId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Prefix(organizationId)}{externalId}");

    /// <summary>The id as the leader of <paramref name="organizationId"/> wrote it; other ids are shown as stored.</summary>
    public static string? Shown(string? stored, long? organizationId) =>
        stored is not null && organizationId is { } id && stored.StartsWith(Prefix(id), StringComparison.Ordinal)
            ? stored[Prefix(id).Length..]
            : stored;

    private static string Prefix(long organizationId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"org-{organizationId}:");
}
