using System.Data;
using System.Text.Json;
using Dapper;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// Something that happened to a thread, stored as a code and its values (migration 0040) so that every reader sees it in
/// their own language: the desk's texts <c>desk.event.{code}</c> name the values in braces (<c>{login}</c>). An event
/// written before codes existed and recognised as none keeps its sentence in <c>text</c>, and no code.
/// </summary>
internal sealed record ThreadEvent(string Code, IReadOnlyDictionary<string, string> Args)
{
    public const string Assigned = "assigned";          // login
    public const string Tagged = "tagged";              // topics (';'-joined codes, '' for none)
    public const string Forwarded = "forwarded";        // to, and note when one was written
    public const string Closed = "closed";
    public const string Reopened = "reopened";          // the person wrote again after an answer or the close
    public const string Linked = "linked";              // person (the id of the person an unknown sender turned out to be)
    public const string AnswerSent = "answer-sent";     // answer, channel
    public const string AnswerUndelivered = "answer-undelivered";  // answer, channel, reason (the ledger's error)

    public static readonly IReadOnlyList<string> All = [Assigned, Tagged, Forwarded, Closed, Reopened, Linked, AnswerSent, AnswerUndelivered];

    /// <summary>The text key of a coded event; a forward with a note has its own sentence.</summary>
    public string Key => "desk.event." + Code + (Code == Forwarded && Args.ContainsKey("note") ? ".note" : "");

    public static ThreadEvent Of(string code, params (string Name, string? Value)[] args) =>
        new(code, args.Where(a => a.Value is not null).ToDictionary(a => a.Name, a => a.Value!, StringComparer.Ordinal));

    public string ArgsJson => JsonSerializer.Serialize(Args);

    /// <summary>Adds the event to the thread's conversation, inside the caller's transaction.</summary>
    public long Write(IDbConnection connection, IDbTransaction transaction, long threadId, long? authorId, DateTimeOffset at) =>
        connection.ExecuteScalar<long>("""
            INSERT INTO response_thread_message (thread_id, kind, channel, text, code, args, at, author_id)
            VALUES (@threadId, 'event', 'desk', '', @Code, @args, @at, @authorId)
            RETURNING id
            """, new { threadId, Code, args = ArgsJson, at, authorId }, transaction);

    /// <summary>The event a stored line holds: its code and values, or null for a line that is no coded event.</summary>
    public static ThreadEvent? Read(string? code, string? args) => code is null
        ? null
        : new(code, string.IsNullOrEmpty(args) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(args)!);

    /// <summary>
    /// The event as a reader of <paramref name="language"/> reads it: topics, channels and reasons in their words, the
    /// rest as stored. A code this version does not know reads as itself.
    /// </summary>
    public string Render(UiText texts, string language)
    {
        if (!texts.Has(Key)) return Code;
        var text = texts.Get(language, Key);
        foreach (var (name, value) in Args)
            text = text.Replace("{" + name + "}", Say(texts, language, name, value), StringComparison.Ordinal);
        return text;
    }

    private static string Say(UiText texts, string language, string name, string value) => name switch
    {
        "topics" => value.Length == 0 ? "—" : string.Join(", ", DeskTopics.Split(value).Select(t => texts.Get(language, "desk.topic." + t))),
        "channel" => value == "web" ? texts.Get(language, "desk.channel.web") : texts.Say(language, Vocabularies.Channels, value),
        "reason" => texts.Say(language, Vocabularies.MessageErrors, value),
        _ => value,
    };
}
