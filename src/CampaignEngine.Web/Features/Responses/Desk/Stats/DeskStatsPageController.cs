using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Responses.Desk;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Responses.Desk.Stats;

/// <param name="Error">A date that could not be read (the field and why): the page then shows the default period.</param>
internal sealed record DeskStatsPage(DeskStatsResult Result, (string Field, string Message)? Error);

/// <summary>The desk's figures for staff, per module and per assignee, split by gender, with charts; scoped as the desk is.</summary>
[Route("desk/stats"), Authorize(Policy = Roles.Staff)]
internal sealed class DeskStatsPageController(DeskStats stats, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public IActionResult Show(string? from, string? to)
    {
        var now = clock.GetUtcNow();
        var period = DeskPeriod.Parse(from, to, now, out var error) ?? DeskPeriod.LastDays(now);
        if (error is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("DeskStats", new DeskStatsPage(stats.For(period, AccessScope.Of(HttpContext.CurrentUser())), error));
    }
}
