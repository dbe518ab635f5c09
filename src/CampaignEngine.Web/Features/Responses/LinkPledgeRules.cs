using CampaignEngine.Web.Features.Pledges;

namespace CampaignEngine.Web.Features.Responses;

/// <summary>
/// What a pledge through a tracked link may be, beyond a valid pledge: it names a project only when the link's
/// campaign asks for that project. A link opened by anyone who holds it must not put money on any project of any
/// region. (Its daily bound and the confirmation of large sums are the recorder's.)
/// </summary>
internal static class LinkPledgeRules
{
    public static (string Field, string Message)? Problem(PledgeInput input, Rates rates, ICampaignProjects projects, long campaignId)
    {
        if (input.Problem(rates.IsKnown) is { } problem) return problem;
        if (input.ProjectId is { } projectId && !projects.Names(campaignId, projectId))
            return ("projectId", $"Project {projectId} is not one this campaign asks for; leave it out or choose one of the campaign's projects.");
        return null;
    }

    /// <summary>The problem answered when the link has made its pledges for the day.</summary>
    public static string LimitMessage(int perDay) =>
        $"This link has made its {perDay.ToString(System.Globalization.CultureInfo.InvariantCulture)} pledges for today; it can pledge again tomorrow (UTC).";

    /// <summary>Seconds until the next UTC day, for Retry-After.</summary>
    public static int SecondsToNextDay(DateTimeOffset now) =>
        (int)Math.Ceiling((now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime).TotalSeconds);
}
