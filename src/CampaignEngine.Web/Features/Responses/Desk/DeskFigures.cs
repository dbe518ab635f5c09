namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// A group of threads received in a period: how many, how many got a first answer (whenever it came), the median hours
/// from receipt to that answer (null when none was answered), and the share of those received answered by the first
/// deadline (0–1; a question still waiting counts as not answered in time, so the share never flatters a period).
/// </summary>
internal sealed record DeskFigures(long Received, long Answered, double? MedianHoursToFirstAnswer, double WithinSlaShare)
{
    /// <summary>Figures built on fewer people are not published (the public page shows "fewer than 5").</summary>
    public const int SmallestPublished = 5;

    public double AnsweredShare => Received == 0 ? 0 : Math.Round((double)Answered / Received, 3);

    /// <summary>Whether the counts and shares of questions received may be published.</summary>
    public bool ReceivedPublished => Received >= SmallestPublished;

    /// <summary>Whether the median, which is built on the answered ones only, may be published.</summary>
    public bool MedianPublished => Answered >= SmallestPublished;
}

/// <summary>A module's or an assignee's figures, in all and for each gender of the vocabulary (every one present).</summary>
internal sealed record DeskStatsGroup<TKey>(TKey Key, DeskFigures Total, IReadOnlyDictionary<string, DeskFigures> ByGender);

/// <param name="Assignees">Keyed by the assignee's user id; null for threads nobody was assigned.</param>
/// <param name="Logins">The assignees' logins, to name them on pages.</param>
internal sealed record DeskStatsResult(
    DeskPeriod Period, IReadOnlyList<DeskStatsGroup<string>> Modules, IReadOnlyList<DeskStatsGroup<long?>> Assignees,
    IReadOnlyDictionary<long, string> Logins);

/// <summary>
/// People who asked in a period (their first question in it), by whether any of their questions got an answer and by
/// gender: how many, how many pledged within 90 days of asking, those pledges and their sum in USD.
/// </summary>
internal sealed record AskedPeople(bool Answered, string Gender, long People, long Pledged, long Pledges, decimal AmountUsd);
