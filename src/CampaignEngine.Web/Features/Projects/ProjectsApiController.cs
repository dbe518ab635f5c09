using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Projects;

internal sealed record ProjectUpdateRequest(string? Text, string? Link);

/// <summary>Projects through the API: any staff key reads them; oblast users (their region) and national staff post and change them.</summary>
[Route("api/projects"), Authorize(Policy = Roles.Staff, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
internal sealed class ProjectsApiController(ProjectStore projects, ProjectEditor editor) : ApiControllerBase
{
    [HttpPost]
    public IActionResult Create([FromBody] ProjectRequest request)
    {
        var outcome = editor.Create(request, Me);
        return outcome.Id is { } id ? Created($"/api/projects/{id}", Describe(projects.Find(id)!)) : Problem(outcome);
    }

    [HttpPut("{id:long}")]
    public IActionResult Update(long id, [FromBody] ProjectRequest request)
    {
        if (projects.Find(id) is not { } project) return Problems.NotFound($"No project {id}.");
        var outcome = editor.Update(project, request, Me);
        return outcome.Id is not null ? Ok(Describe(projects.Find(id)!)) : Problem(outcome);
    }

    [HttpGet]
    public IEnumerable<object> List(string? region) =>
        projects.List(Scope.NarrowedRegion ?? Core.Reference.Regions.Find(region)?.Code).Select(Describe);

    [HttpGet("{id:long}")]
    public IActionResult Get(long id) => projects.Find(id) is { } project ? Ok(Describe(project)) : Problems.NotFound($"No project {id}.");

    [HttpPost("{id:long}/updates"), Consumes("application/json")]
    public Task<IActionResult> AddUpdate(long id, [FromBody] ProjectUpdateRequest request, CancellationToken cancel) =>
        Post(id, request.Text, request.Link, [], cancel);

    /// <summary>The same with photos and documents: multipart fields <c>text</c>, <c>link</c> and up to five <c>files</c>.</summary>
    [HttpPost("{id:long}/updates"), Consumes("multipart/form-data")]
    [RequestSizeLimit(ProjectFiles.MaxFiles * ProjectFiles.MaxBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = ProjectFiles.MaxFiles * ProjectFiles.MaxBytes + 64 * 1024)]
    public Task<IActionResult> AddUpdateWithFiles(long id, [FromForm] string? text, [FromForm] string? link, [FromForm] List<IFormFile>? files, CancellationToken cancel) =>
        Post(id, text, link, files ?? [], cancel);

    private async Task<IActionResult> Post(long id, string? text, string? link, IReadOnlyList<IFormFile> files, CancellationToken cancel)
    {
        if (projects.Find(id) is not { } project) return Problems.NotFound($"No project {id}.");
        var outcome = await editor.AddUpdateAsync(project, text, link, files, Me, cancel);
        if (outcome.Id is not { } updateId) return Problem(outcome);
        var update = projects.Updates(id).Single(u => u.Id == updateId);
        return Created($"/projects/{id}", new { id = updateId, files = update.Files.Select(f => new { id = f.Id, url = f.Url, contentType = f.ContentType, size = f.Size }) });
    }

    private static IActionResult Problem(ProjectOutcome outcome) =>
        outcome.Forbidden ? Problems.Forbidden(outcome.Errors.Values.First()) : Problems.Invalid(outcome.Errors);

    private object Describe(ProjectRow p)
    {
        var progress = projects.Progress(p.Id);
        return new
        {
            id = p.Id, moduleId = p.ModuleId, region = p.Region, village = p.Village, sector = p.Sector,
            title = p.Title, description = p.Description,
            budget = p.Budget, currency = p.Currency, budgetUsd = p.BudgetUsd,
            shares = new { state = p.ShareState, local = p.ShareLocal, diaspora = p.ShareDiaspora },
            pledgedUsd = progress.PledgedUsd, confirmedUsd = progress.ConfirmedUsd, promisedUsd = progress.PromisedUsd,
            awaitingConfirmationUsd = progress.AwaitingUsd, fulfilledUsd = progress.FulfilledUsd, fulfilledHours = progress.FulfilledHours,
            donors = progress.Donors, progressPercent = progress.PercentOf(p.BudgetUsd),
            updates = projects.Updates(p.Id).Select(u => new
            {
                id = u.Id, text = u.Text, link = u.Link, createdAt = u.CreatedAt,
                files = u.Files.Select(f => new { id = f.Id, url = f.Url, contentType = f.ContentType, name = f.OriginalName, size = f.Size }),
            }),
            publicUrl = $"/projects/{p.Id}",
        };
    }
}
