using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.Infrastructure.Web;
using CampaignEngine.Web.ModuleHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Campaigns;

[Route("api/campaigns"), Authorize(Policy = Roles.Campaigners, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
internal sealed class CampaignsApiController(
    CampaignService campaigns, CampaignStore store, MessageQueries messages, CampaignProjects projects, TimeProvider clock, ModuleRegistry modules) : ApiControllerBase
{
    [HttpPost]
    public IActionResult Create([FromBody] CampaignRequest request)
    {
        var (id, errors) = campaigns.Create(request, Me);
        if (errors.Count > 0) return Problems.Invalid(FieldError.ByField(errors));
        return CreatedAtAction(nameof(Get), new { id }, Describe(store.Find(id!.Value, Scope)!));
    }

    [HttpGet]
    public IEnumerable<object> List() => store.List(Scope).Select(Describe);

    [HttpGet("{id:long}")]
    public IActionResult Get(long id) =>
        store.Find(id, Scope) is { } campaign ? Ok(Describe(campaign)) : Problems.NotFound($"No campaign {id}.");

    [HttpPut("{id:long}")]
    public IActionResult Update(long id, [FromBody] CampaignRequest request)
    {
        if (store.Find(id, Scope) is not { } campaign) return Problems.NotFound($"No campaign {id}.");
        if (campaigns.Update(campaign, request, Me) is { Count: > 0 } errors)
            return errors[0].Field == "status" ? Problems.Conflict(errors[0].Message) : Problems.Invalid(FieldError.ByField(errors));
        return Ok(Describe(store.Find(id, Scope)!));
    }

    [HttpGet("{id:long}/audience")]
    public IActionResult Audience(long id)
    {
        if (store.Find(id, Scope) is not { } campaign) return Problems.NotFound($"No campaign {id}.");
        var preview = campaigns.Audience(campaign, Me);
        return Ok(new
        {
            total = preview.Total,
            cells = preview.Cells.Select(c => new { country = c.Country, gender = c.Gender, channel = c.Channel, count = c.Count }),
            byChannel = preview.ByChannel,
            unreachable = preview.UnreachableCount,
            // Reached, but skipped at send time for their own limits (their page): the monthly cap used up, a pause.
            capped = preview.Capped,
            paused = preview.Paused,
        });
    }

    [HttpGet("{id:long}/preview")]
    public IActionResult Preview(long id, string? lang)
    {
        if (store.Find(id, Scope) is not { } campaign) return Problems.NotFound($"No campaign {id}.");
        var language = lang ?? "ky";
        if (!Languages.IsKnown(language)) return Problems.Invalid("lang", "Use ky, ru or en.");
        try
        {
            var message = campaigns.Preview(campaign, language, Me);
            return Ok(new { language = message.Language, subject = message.Subject, text = message.Text, @short = message.Short, html = message.Html });
        }
        catch (TemplateException ex)
        {
            return Problems.Invalid("template", ex.Message);
        }
    }

    [HttpPost("{id:long}/launch")]
    public IActionResult Launch(long id, [FromBody] LaunchRequest? request)
    {
        if (store.Find(id, Scope) is not { } campaign) return Problems.NotFound($"No campaign {id}.");
        var (written, error) = campaigns.Launch(campaign, new LaunchTime(request?.At, request?.LocalAt), Me);
        if (error is not null) return Problems.Invalid(error.Field, error.Message);
        return Accepted($"/api/campaigns/{id}", new { id, messages = written, status = store.Find(id, Scope)!.Status });
    }

    [HttpPost("{id:long}/pause")]
    public IActionResult Pause(long id) => Control(id, c => campaigns.Pause(c, Me), "Only a sending or scheduled campaign can be paused.");

    [HttpPost("{id:long}/resume")]
    public IActionResult Resume(long id) => Control(id, c => campaigns.Resume(c, Me), "Only a paused campaign can be resumed.");

    [HttpPost("{id:long}/cancel")]
    public IActionResult Cancel(long id) => Control(id, c => campaigns.Cancel(c, Me), "A completed or cancelled campaign cannot be cancelled.");

    private IActionResult Control(long id, Func<CampaignRow, bool> action, string conflict)
    {
        if (store.Find(id, Scope) is not { } campaign) return Problems.NotFound($"No campaign {id}.");
        return action(campaign) ? Ok(Describe(store.Find(id, Scope)!)) : Problems.Conflict(conflict);
    }

    [HttpGet("{id:long}/failures")]
    public IActionResult Failures(long id) =>
        store.Find(id, Scope) is null ? Problems.NotFound($"No campaign {id}.")
        : Ok(messages.Failures(id).Select(f => new { reason = f.Reason, channel = f.Channel, count = f.Count }));

    [HttpPost("{id:long}/retry")]
    public IActionResult Retry(long id, [FromBody] RetryRequest? request)
    {
        if (store.Find(id, Scope) is not { } campaign) return Problems.NotFound($"No campaign {id}.");
        return Accepted(new { retried = campaigns.RetryFailed(campaign, request?.Reason) });
    }

    public sealed record RetryRequest(string? Reason);

    [HttpGet("{id:long}/messages")]
    public IActionResult Messages(long id, string? status, int page = 1, int pageSize = 100)
    {
        if (store.Find(id, Scope) is null) return Problems.NotFound($"No campaign {id}.");
        if (page < 1) return Problems.Invalid("page", "Pages start at 1.");
        if (pageSize is < 1 or > 1000) return Problems.Invalid("pageSize", "Use 1 to 1000.");
        var (total, items) = messages.Page(id, status, page, pageSize);
        return Ok(new { total, page, pageSize, items });
    }

    private object Describe(CampaignRow c)
    {
        var counts = store.Counts(c.Id);
        var now = clock.GetUtcNow();
        var rate = c.Status == CampaignStatus.Sending && counts.Pending > 0 ? messages.RecentRate(c.Id, now) : 0;
        return new
        {
            id = c.Id,
            moduleId = c.ModuleId,
            name = c.Name,
            // Only the languages written: a reader of another language gets one of these (CampaignTitle.For).
            publicTitle = new { ky = c.TitleKy, ru = c.TitleRu, en = c.TitleEn },
            template = c.Template,
            status = c.Status,
            segment = c.Segment,
            // The module's preset the segment is exactly, however it was chosen (by name here, or on the form); else null.
            audiencePreset = c.IsAppeal && modules.Catalogued(c.ModuleId) is { } module ? CampaignValidation.PresetOf(c.Segment, module)?.Id : null,
            channels = c.ChannelList,
            window = new { from = c.WindowFrom, to = c.WindowTo },
            quietDates = c.QuietDateList,
            projectIds = projects.Of(c.Id),
            launchAt = c.LaunchAt,
            launchedAt = c.LaunchedAt,
            // Live progress: what is left and, at the pace of the last ten minutes, when it should be done.
            progress = new
            {
                remaining = counts.Pending,
                ratePerSecond = Math.Round(rate, 2),
                estimatedFinish = rate > 0 ? now.AddSeconds(counts.Pending / rate) : (DateTimeOffset?)null,
            },
            createdAt = c.CreatedAt,
            counts = new
            {
                pending = counts.Pending,
                sent = counts.Sent,
                delivered = counts.Delivered,
                failed = counts.Failed,
                skipped = counts.Skipped,
                clicked = counts.Clicked,
                pledged = counts.Pledged,
                optedOut = counts.OptedOut,
                total = counts.Total,
            },
        };
    }

    /// <summary><c>at</c>: one instant for everyone; <c>localAt</c>: a wall-clock time in each recipient's own zone.</summary>
    public sealed record LaunchRequest(DateTimeOffset? At, DateTime? LocalAt);
}
