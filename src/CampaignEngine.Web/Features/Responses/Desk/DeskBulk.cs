using CampaignEngine.Web.Features.Auth;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>What one thread of a bulk action came to: done, or refused with the field and reason.</summary>
internal sealed record BulkItem(long Id, string Outcome, string? Field = null, string? Error = null);

/// <summary>
/// A bulk action's answer: the threads' outcomes in the order given, or the first id outside the user's view (then
/// nothing was done: the ids come from a list the user was shown, so one they cannot see is a forged request, and
/// acting on the rest would say which of them exist).
/// </summary>
internal sealed record BulkResult(long? Unseen, IReadOnlyList<BulkItem> Items);

/// <summary>
/// Assign, tag or close many threads at once, from the desk's checkboxes or the API: each thread is the same staff
/// action as one by one (<see cref="DeskThreads"/>: its own transaction, state change and audit line), so a bulk action
/// is never more than its parts.
/// </summary>
internal sealed class DeskBulk(DeskThreads threads, DeskQueries queries)
{
    public const int MaxIds = 200;

    public static readonly IReadOnlyList<string> Actions = ["assign", "tag", "close"];

    /// <summary>The first thing wrong with the request, as (field, reason); null when it can run.</summary>
    public static (string Field, string Error)? Problem(IReadOnlyList<long>? ids, string? action, long? userId, IReadOnlyList<string>? topics) => action switch
    {
        _ when ids is null || ids.Count == 0 => ("ids", "names at least one thread"),
        _ when ids.Count > MaxIds => ("ids", $"names at most {MaxIds} threads"),
        null => ("action", $"is one of {string.Join(", ", Actions)}"),
        _ when !Actions.Contains(action) => ("action", $"is one of {string.Join(", ", Actions)}"),
        "assign" when userId is null => ("userId", "names the user the threads go to"),
        "tag" when topics is null => ("topics", "lists the topics the threads get"),
        _ => null,
    };

    public BulkResult Apply(CurrentUser user, IReadOnlyList<long> ids, string action, long? userId, IReadOnlyList<string>? topics)
    {
        var distinct = ids.Distinct().ToList();
        foreach (var id in distinct)
            if (queries.Item(user, id) is null) return new BulkResult(id, []);
        var items = distinct.Select(id => Describe(id, action switch
        {
            "assign" => threads.Assign(user, id, userId!.Value),
            "tag" => threads.Tag(user, id, topics!),
            _ => threads.Close(user, id),
        })).ToList();
        return new BulkResult(null, items);
    }

    private static BulkItem Describe(long id, DeskOutcome outcome) => outcome switch
    {
        { Ok: true } => new BulkItem(id, "done"),
        { Found: false } => new BulkItem(id, "notFound"),
        _ => new BulkItem(id, "invalid", outcome.Field, outcome.Error),
    };
}
