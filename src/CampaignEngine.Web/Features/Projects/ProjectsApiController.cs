using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Infrastructure.Web;
using CampaignEngine.Web.Modules;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Projects;

public sealed record ProjectUpdateRequest(string? Text, string? Link);

[Route("api/projects")]
public sealed class ProjectsApiController(ProjectStore projects, ModuleRegistry modules, Rates rates, TimeProvider clock) : ApiControllerBase
{
    [HttpPost]
    public IActionResult Create([FromBody] ProjectRequest request)
    {
        if (Me.Role == Roles.Leader) return Problems.Forbidden("Projects are posted by oblast administrations and officers.");
        var region = Regions.Find(request.Region ?? (Me.Role == Roles.Oblast ? Me.Region : null));
        if (region is null) return Problems.Invalid("region", "Give the project's home region (KG-Y or issyk-kul).");
        if (Me.Role == Roles.Oblast && region.Code != Me.Region) return Problems.Forbidden($"An oblast user of {Me.Region} posts projects for {Me.Region} only.");
        var module = request.ModuleId is { } id ? modules.Find(id) : modules.ForRegion(region.Code).FirstOrDefault(m => m.Scope == ModuleScope.Regional) ?? modules.Find("national");
        if (module is null || !module.Regions.Contains(region.Code)) return Problems.Invalid("moduleId", $"No enabled module covers {region.Code}.");
        if (request.Title is not { Ky.Length: > 0, Ru.Length: > 0, En.Length: > 0 }) return Problems.Invalid("title", "Give the title in ky, ru and en.");
        if (request.Sector is { Length: > 0 } sector && !Vocabulary.Sectors.Contains(sector)) return Problems.Invalid("sector", $"Unknown sector '{sector}'.");
        if (request.Budget is not > 0) return Problems.Invalid("budget", "Give the budget, greater than zero.");
        var currency = request.Currency?.ToUpperInvariant() ?? "";
        if (!rates.IsKnown(currency)) return Problems.Invalid("currency", $"Unknown currency '{request.Currency}'.");
        if (request.Shares is { } s && (s.State ?? 0) + (s.Local ?? 0) + (s.Diaspora ?? 0) != 100)
            return Problems.Invalid("shares", "The co-financing shares (state, local, diaspora) must add up to 100.");
        var budgetUsd = rates.ToUsd(request.Budget.Value, currency, clock.GetUtcNow())!.Value;
        var newId = projects.Create(request, module.Id, region.Code, budgetUsd, Me.Id);
        return Created($"/api/projects/{newId}", Describe(projects.Find(newId)!));
    }

    [HttpGet]
    public IEnumerable<object> List(string? region) =>
        projects.List(Me.Role == Roles.Oblast ? Me.Region : Regions.Find(region)?.Code).Select(Describe);

    [HttpGet("{id:long}")]
    public IActionResult Get(long id) => projects.Find(id) is { } project ? Ok(Describe(project)) : Problems.NotFound($"No project {id}.");

    [HttpPost("{id:long}/updates")]
    public IActionResult AddUpdate(long id, [FromBody] ProjectUpdateRequest request)
    {
        if (projects.Find(id) is not { } project) return Problems.NotFound($"No project {id}.");
        if (Me.Role == Roles.Leader || Me.Role == Roles.Oblast && project.Region != Me.Region)
            return Problems.Forbidden("Updates are posted by the project's oblast administration or an officer.");
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 4000) return Problems.Invalid("text", "Write the update (up to 4,000 characters).");
        if (request.Link is { Length: > 0 } link && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            return Problems.Invalid("link", "Give a link to the photo or document (http or https).");
        return Created($"/projects/{id}", new { id = projects.AddUpdate(id, request.Text.Trim(), request.Link, Me.Id) });
    }

    private object Describe(ProjectRow p)
    {
        var progress = projects.Progress(p.Id);
        return new
        {
            id = p.Id, moduleId = p.ModuleId, region = p.Region, village = p.Village, sector = p.Sector,
            title = p.Title, description = p.Description,
            budget = p.Budget, currency = p.Currency, budgetUsd = p.BudgetUsd,
            shares = new { state = p.ShareState, local = p.ShareLocal, diaspora = p.ShareDiaspora },
            pledgedUsd = progress.PledgedUsd, fulfilledUsd = progress.FulfilledUsd, fulfilledHours = progress.FulfilledHours,
            donors = progress.Donors, progressPercent = progress.PercentOf(p.BudgetUsd),
            updates = projects.Updates(p.Id), publicUrl = $"/projects/{p.Id}",
        };
    }
}
