namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>What a thread is about, as staff tag it (stored as ';'-separated codes).</summary>
internal static class DeskTopics
{
    public static readonly IReadOnlyList<string> All =
        ["documents", "pensions", "return", "investment", "project-question", "complaint", "thanks", "other"];

    public static string Join(IEnumerable<string> topics) => string.Join(';', topics.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    public static IReadOnlyList<string> Split(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split(';', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A thread's states: new → assigned → answered → closed, or forwarded to another body.</summary>
internal static class ThreadStates
{
    public const string New = "new";
    public const string Assigned = "assigned";
    public const string Answered = "answered";
    public const string Closed = "closed";
    public const string Forwarded = "forwarded";

    public static readonly IReadOnlyList<string> All = [New, Assigned, Answered, Closed, Forwarded];
}
