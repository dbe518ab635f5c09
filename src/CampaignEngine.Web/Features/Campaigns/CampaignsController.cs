using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.ModuleHost;
using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Campaigns;

[Route("campaigns"), Authorize(Policy = Roles.Campaigners)]
internal sealed class CampaignsController(
    CampaignService campaigns, CampaignStore store, MessageQueries messages, ModuleRegistry modules, Db db,
    CampaignProjects campaignProjects, IProjectModules projects) : Controller
{
    private CurrentUser Me => HttpContext.CurrentUser();

    private AccessScope Scope => AccessScope.Of(Me);

    [HttpGet("")]
    public IActionResult Index() => View(store.List(Scope));

    /// <summary>The form for a new campaign of <paramref name="module"/>; <paramref name="preset"/>: one of its presets, already filled in.</summary>
    [HttpGet("new")]
    public IActionResult New(string? module, string? preset)
    {
        // Without a module the officer chooses one: a campaign silently started on the first module went to the wrong region.
        if (string.IsNullOrEmpty(module)) return View("ChooseModule", Scope.ModulesActedFor(modules));
        var manifest = modules.Find(module);
        if (!Scope.MayActFor(manifest)) return Forbid();
        var form = new CampaignForm { ModuleId = manifest.Id, Template = "appeal", Countries = [.. manifest.Countries], Channels = [.. CampaignService.DefaultChannels],
            WindowFrom = SendWindow.Format(SendWindow.Suggested.From), WindowTo = SendWindow.Format(SendWindow.Suggested.To) };
        form.ApplyPreset = preset;
        return View("Form", WithPreset(FormPage(form, manifest, null, [])));
    }

    [HttpPost("new"), ValidateAntiForgeryToken]
    public IActionResult Create([FromForm] CampaignForm form)
    {
        if (!string.IsNullOrEmpty(form.ApplyPreset) && modules.Find(form.ModuleId) is { } chosen && Scope.MayActFor(chosen))
            return View("Form", WithPreset(FormPage(form, chosen, null, [])));
        var (id, errors) = campaigns.Create(form.ToRequest(), Me);
        if (errors.Count == 0) return Redirect($"/campaigns/{id}");
        var manifest = modules.Find(form.ModuleId);
        if (manifest is null) return BadRequest();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Form", FormPage(form, manifest, null, errors));
    }

    [HttpGet("{id:long}")]
    public IActionResult Details(long id) =>
        store.Find(id, Scope) is { } campaign ? View(Page(campaign, null, null)) : NotFound();

    [HttpPost("{id:long}"), ValidateAntiForgeryToken]
    public IActionResult Update(long id, [FromForm] CampaignForm form)
    {
        if (store.Find(id, Scope) is not { } campaign) return NotFound();
        if (!string.IsNullOrEmpty(form.ApplyPreset) && campaign.IsDraft)
            return View("Details", Page(campaign, WithPreset(FormPage(form, campaigns.ModuleOf(campaign), id, [])), null));
        if (campaigns.Update(campaign, form.ToRequest(), Me) is { Count: > 0 } errors)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Details", Page(campaign, FormPage(form, campaigns.ModuleOf(campaign), id, errors), null));
        }
        return Redirect($"/campaigns/{id}");
    }

    // The message language is "language", not "lang": "lang" switches (and remembers) the officer's own interface language.
    [HttpGet("{id:long}/preview")]
    public IActionResult Preview(long id, string? language)
    {
        if (store.Find(id, Scope) is not { } campaign) return NotFound();
        language = Languages.IsKnown(language) ? language! : "ky";
        try
        {
            return View(new PreviewPage(campaign, language, campaigns.Preview(campaign, language, Me), null));
        }
        catch (TemplateException ex)
        {
            return View(new PreviewPage(campaign, language, null, ex.Message));
        }
    }

    [HttpPost("{id:long}/launch"), ValidateAntiForgeryToken]
    public IActionResult Launch(long id, [FromForm] string? when, [FromForm] DateTime? at, [FromForm] bool confirmed)
    {
        if (store.Find(id, Scope) is not { } campaign) return NotFound();
        if (when == "later" && at is null)
            return View("Details", Page(campaign, null, new FieldError("at", "Choose the date and time of the launch.")));
        // Sending cannot be taken back: the first press shows who will get what and when, the second sends.
        if (!confirmed && campaign.IsDraft)
            return View("ConfirmLaunch", new LaunchConfirmation(campaign, campaigns.Audience(campaign, Me), when == "later" ? at : null));
        // "Saturday 10:00" on the page means 10:00 in each recipient's own time zone.
        var launch = when == "later" ? new LaunchTime(null, at) : LaunchTime.Now;
        var (_, error) = campaigns.Launch(campaign, launch, Me);
        return error is null ? Redirect($"/campaigns/{id}") : View("Details", Page(campaign, null, error));
    }

    [HttpPost("{id:long}/control"), ValidateAntiForgeryToken]
    public IActionResult Control(long id, [FromForm] string? action)
    {
        if (store.Find(id, Scope) is not { } campaign) return NotFound();
        _ = action switch
        {
            "pause" => campaigns.Pause(campaign, Me),
            "resume" => campaigns.Resume(campaign, Me),
            "cancel" => campaigns.Cancel(campaign, Me),
            _ => false,
        };
        return Redirect($"/campaigns/{id}");
    }

    [HttpPost("{id:long}/retry"), ValidateAntiForgeryToken]
    public IActionResult Retry(long id, [FromForm] string? reason)
    {
        if (store.Find(id, Scope) is not { } campaign) return NotFound();
        campaigns.RetryFailed(campaign, string.IsNullOrEmpty(reason) ? null : reason);
        return Redirect($"/campaigns/{id}");
    }

    [HttpGet("{id:long}/messages")]
    public IActionResult Messages(long id, [FromServices] Compatriots.CompatriotQueries compatriots, string? status, int page = 1)
    {
        if (store.Find(id, Scope) is not { } campaign) return NotFound();
        var (total, items) = messages.Page(id, string.IsNullOrEmpty(status) ? null : status, Math.Max(1, page), 100);
        // Names come from the directory, in the caller's own scope there: the ledger holds ids only.
        var names = compatriots.Names(items.Select(m => m.CompatriotId).ToList(), Me);
        return View(new MessagesPage(campaign, status, Math.Max(1, page), total, items, names));
    }

    private CampaignPage Page(CampaignRow campaign, CampaignFormPage? edit, FieldError? launchError)
    {
        var module = campaigns.ModuleOf(campaign);
        var asked = campaignProjects.Of(campaign.Id);
        if (edit is null && campaign.IsDraft) edit = FormPage(CampaignForm.From(campaign, asked), module, campaign.Id, []);
        var pledges = campaignProjects.PledgesByProject(campaign.Id);
        // The projects asked for, and any other one its pledges name (recorded by staff, or asked for before a change).
        var shown = projects.Choices(null).Where(p => asked.Contains(p.Id) || pledges.Any(x => x.ProjectId == p.Id)).ToList();
        return new CampaignPage(campaign, module, campaigns.Audience(campaign, Me), store.Counts(campaign.Id),
            messages.FunnelByGender(campaign.Id), messages.PendingByHour(campaign.Id), messages.Failures(campaign.Id), edit, launchError,
            shown, pledges) { AskedFor = asked };
    }

    /// <summary>
    /// The form with the preset whose button was pressed (or named in the address) filled in, and who that audience
    /// reaches; nothing is saved, so the officer sees the count before deciding. An unknown preset changes nothing.
    /// </summary>
    private CampaignFormPage WithPreset(CampaignFormPage page)
    {
        if (page.Module.Preset(page.Form.ApplyPreset) is not { } preset) return page;
        var form = page.Form.WithAudience(preset, page.Module);
        var request = form.ToRequest();
        return page with { Form = form, Audience = campaigns.AudienceOf(page.Module, request.Segment!, request.Channels ?? CampaignService.DefaultChannels, Me) };
    }

    private CampaignFormPage FormPage(CampaignForm form, Core.Modules.ModuleManifest module, long? campaignId, IReadOnlyList<FieldError> errors)
    {
        using var connection = db.Open();
        var organizations = connection.Query<(long, string)>("SELECT id, name FROM directory_organization ORDER BY name").ToList();
        // A national campaign may ask for any project; a regional one for its own module's.
        var choices = projects.Choices(module.Scope == Core.Modules.ModuleScope.National ? null : module.Id);
        return new CampaignFormPage(form, module, organizations, campaignId, errors, choices);
    }
}

internal sealed record PreviewPage(CampaignRow Campaign, string Language, RenderedMessage? Message, string? Error)
{
    public SmsSegments.Count? Sms => Message is null ? null : SmsSegments.Of(Message.Short);
}

/// <summary>What the officer confirms before a launch: the campaign, who it reaches and when.</summary>
internal sealed record LaunchConfirmation(CampaignRow Campaign, AudiencePreview Audience, DateTime? LocalAt);

internal sealed record MessagesPage(
    CampaignRow Campaign, string? Status, int Page, long Total, IReadOnlyList<MessageItem> Items, IReadOnlyDictionary<long, Compatriots.PersonName> Names);
