using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Responses.Desk.Stats;

/// <summary>
/// <c>GET /api/inbox/stats?from=&amp;to=</c>: the desk's figures per module and per assignee, split by gender, for the
/// threads the caller may see. Staff numbers are exact; only the public page suppresses small ones.
/// </summary>
[Route("api/inbox/stats")]
internal sealed class DeskStatsController(DeskStats stats, TimeProvider clock) : ApiControllerBase
{
    [HttpGet("")]
    public IActionResult Get(string? from, string? to)
    {
        if (DeskPeriod.Parse(from, to, clock.GetUtcNow(), out var error) is not { } period) return Problems.Invalid(error!.Value.Field, error.Value.Message);
        var result = stats.For(period, Scope);
        return Ok(new
        {
            from = period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            to = period.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            modules = result.Modules.Select(m => Json(m, ("moduleId", m.Key))),
            assignees = result.Assignees.Select(a => Json(a, ("assigneeId", a.Key), ("login", a.Key is { } id ? result.Logins.GetValueOrDefault(id) : null))),
        });
    }

    /// <summary>A group as the API writes it: what names it, its figures, and the figures of each gender.</summary>
    private static Dictionary<string, object?> Json<TKey>(DeskStatsGroup<TKey> group, params (string Name, object? Value)[] key)
    {
        var json = key.ToDictionary(k => k.Name, k => k.Value, StringComparer.Ordinal);
        foreach (var (name, value) in Figures(group.Total)) json[name] = value;
        json["byGender"] = group.ByGender.ToDictionary(g => g.Key, g => Figures(g.Value), StringComparer.Ordinal);
        return json;
    }

    private static Dictionary<string, object?> Figures(DeskFigures f) => new(StringComparer.Ordinal)
    {
        ["received"] = f.Received, ["answered"] = f.Answered, ["medianHoursToFirstAnswer"] = f.MedianHoursToFirstAnswer, ["withinSlaShare"] = f.WithinSlaShare,
    };
}
