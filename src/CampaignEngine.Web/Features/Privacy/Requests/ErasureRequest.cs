namespace CampaignEngine.Web.Features.Privacy.Requests;

/// <summary>
/// A person's request to be erased, asked on their own page: <c>requested</c> until staff decide, then <c>confirmed</c>
/// (the erasure job is queued) and <c>erased</c>, or <c>refused</c> with a reason.
/// </summary>
internal sealed record ErasureRequest
{
    public const string Requested = "requested";
    public const string Confirmed = "confirmed";
    public const string Erased = "erased";
    public const string Refused = "refused";

    public static readonly IReadOnlyList<string> States = [Requested, Confirmed, Erased, Refused];

    public long Id { get; init; }
    public long CompatriotId { get; init; }
    public string State { get; init; } = Requested;
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? RefusalReason { get; init; }
    public DateTimeOffset? ErasedAt { get; init; }

    /// <summary>Waiting for staff, or confirmed and not yet run: the dispatcher sends the person nothing meanwhile.</summary>
    public bool IsOpen => State is Requested or Confirmed;

    public bool IsOverdue(DateTimeOffset now) => State == Requested && DueAt < now;
}

/// <summary>One line of the staff list: the request and the name of its person ("—" once erased).</summary>
internal sealed record ErasureRequestLine(ErasureRequest Request, string FullName);
