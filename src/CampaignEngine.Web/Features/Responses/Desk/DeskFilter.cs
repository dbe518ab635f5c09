using CampaignEngine.Core.Reference;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// What the desk's list is narrowed to, as the page's form and the API's query string give it. Every value is checked
/// against the desk's own vocabularies before it reaches SQL, so a misspelt filter is refused naming the field instead
/// of silently listing nothing.
/// </summary>
internal sealed record DeskFilter
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Where a message may come from: the channels of the send pipeline, and the landing page's question form.</summary>
    public static readonly IReadOnlyList<string> Channels = [.. Vocabulary.Channels, "web"];

    public string? State { get; init; }
    public string? ModuleId { get; init; }
    public string? Topic { get; init; }
    public string? Channel { get; init; }
    public bool Overdue { get; init; }
    public long? AssigneeId { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The filter as a query string gives it: blank values filter nothing.</summary>
    public static DeskFilter From(string? state, string? moduleId, string? topic, string? channel, bool overdue, long? assigneeId, int page, int pageSize) => new()
    {
        State = Blank(state), ModuleId = Blank(moduleId), Topic = Blank(topic), Channel = Blank(channel), Overdue = overdue, AssigneeId = assigneeId,
        Page = page, PageSize = pageSize,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The first value the desk does not know, as (field, reason); null when every value is one it knows.</summary>
    public (string Field, string Error)? Problem(ModuleRegistry modules) => this switch
    {
        { State: { } s } when !ThreadStates.All.Contains(s) => ("state", $"is one of {string.Join(", ", ThreadStates.All)}"),
        { ModuleId: { } m } when modules.Catalogued(m) is null => ("moduleId", $"'{m}' is not a module of this installation"),
        { Topic: { } t } when !DeskTopics.All.Contains(t) => ("topic", $"is one of {string.Join(", ", DeskTopics.All)}"),
        { Channel: { } c } when !Channels.Contains(c) => ("channel", $"is one of {string.Join(", ", Channels)}"),
        { Page: < 1 } => ("page", "counts from 1"),
        { PageSize: < 1 or > MaxPageSize } => ("pageSize", $"is between 1 and {MaxPageSize}"),
        _ => null,
    };
}
