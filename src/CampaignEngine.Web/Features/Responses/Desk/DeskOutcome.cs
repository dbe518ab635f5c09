namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>What a staff action on a thread came to: done, no such thread in the user's view, or refused with the field and reason.</summary>
internal sealed record DeskOutcome(bool Found, string? Field = null, string? Error = null, long? MessageId = null)
{
    public bool Ok => Found && Error is null;

    public static DeskOutcome NotFound { get; } = new(false);

    public static DeskOutcome Done(long? messageId = null) => new(true, MessageId: messageId);

    public static DeskOutcome Invalid(string field, string error) => new(true, field, error);
}
