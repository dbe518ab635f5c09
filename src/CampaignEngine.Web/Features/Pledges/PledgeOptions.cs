namespace CampaignEngine.Web.Features.Pledges;

/// <summary>The bounds on pledges made through a tracked link (<c>Pledges:</c> in the settings).</summary>
internal sealed class PledgeOptions
{
    /// <summary>Pledges one link may make per UTC day; more are refused until the next day.</summary>
    public int PerLinkPerDay { get; set; } = 3;

    /// <summary>
    /// A money pledge through a link above this many USD waits for staff confirmation (status
    /// <c>awaiting_confirmation</c>) and counts nowhere in public until a person confirms it.
    /// </summary>
    public decimal ConfirmAboveUsd { get; set; } = 1_000m;

    /// <summary>
    /// The most one pledge typed into a page may hold, in USD at the day's rate: a larger figure is far more often a
    /// slip of the decimal mark than a gift, and a real one is arranged with the organisers, not through a form.
    /// </summary>
    public decimal MaxPerPledgeUsd { get; set; } = 1_000_000m;
}

/// <summary>What became of a pledge made through a link: its id and status, or no id when the link's daily bound is reached.</summary>
internal sealed record LinkPledgeResult(long? Id, string Status)
{
    public bool LimitReached => Id is null;
}

internal static class PledgeStatus
{
    public const string Pledged = "pledged";
    public const string AwaitingConfirmation = "awaiting_confirmation";
    public const string Confirmed = "confirmed";
}
