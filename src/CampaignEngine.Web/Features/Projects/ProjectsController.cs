using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Pledges;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Projects;

internal sealed record ProjectListPage(IReadOnlyList<ProjectListItem> Projects, bool MayPost);

internal sealed record ProjectFormPage(long? Id, ProjectForm Form, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> Currencies,
    IReadOnlyList<ProjectUpdate> Updates, string? UpdateErrorField, string? FixedRegion)
{
    /// <summary>The campaigns that name this project, among those the user may open.</summary>
    public IReadOnlyList<ProjectCampaign> Campaigns { get; init; } = [];

    /// <summary>The text key for a field's problem: one message per kind of field, in the page's language.</summary>
    public static string ErrorKey(string field) => "proj.error." + (field.StartsWith("Title", StringComparison.Ordinal) ? "title"
        : field.StartsWith("Description", StringComparison.Ordinal) ? "description"
        : field.StartsWith("files", StringComparison.Ordinal) ? "files"
        : field == "Shares" ? "shares" : field.StartsWith("Share", StringComparison.Ordinal) ? "share" : field.ToLowerInvariant());
}

/// <summary>
/// The oblast administration's project pages: the list with progress, the form in three languages, and updates
/// with photos and documents. Oblast users see and change their own region's projects only.
/// </summary>
[Route("projects"), Authorize(Policy = Roles.Campaigners)]
internal sealed class ProjectsController(ProjectStore projects, ProjectEditor editor, Rates rates, IProjectCampaigns campaigns) : Controller
{
    private CurrentUser Me => HttpContext.CurrentUser();

    [HttpGet("")]
    public IActionResult Index() =>
        View(new ProjectListPage(projects.ListWithProgress(AccessScope.Of(Me).NarrowedRegion), ProjectEditor.MayPost(Me)));

    [HttpGet("new")]
    public IActionResult New() => View("Form", Page(null, new ProjectForm { Region = Me.Region, Currency = "KGS", ShareDiaspora = 100 }, new Dictionary<string, string>()));

    [HttpPost("new"), ValidateAntiForgeryToken]
    public IActionResult Create([FromForm] ProjectForm form)
    {
        var outcome = editor.Create(form.ToRequest(), Me);
        if (outcome.Id is { } id) return Redirect($"/projects/{id}/edit?saved=true");
        Response.StatusCode = outcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        return View("Form", Page(null, form, outcome.Errors));
    }

    [HttpGet("{id:long}/edit")]
    public IActionResult Edit(long id) =>
        Mine(id) is { } project ? View("Form", Page(project.Id, ProjectForm.From(project), new Dictionary<string, string>())) : NotFound();

    [HttpPost("{id:long}/edit"), ValidateAntiForgeryToken]
    public IActionResult Update(long id, [FromForm] ProjectForm form)
    {
        if (Mine(id) is not { } project) return NotFound();
        var outcome = editor.Update(project, form.ToRequest(), Me);
        if (outcome.Id is not null) return Redirect($"/projects/{id}/edit?saved=true");
        Response.StatusCode = outcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        return View("Form", Page(id, form, outcome.Errors));
    }

    [HttpPost("{id:long}/updates"), ValidateAntiForgeryToken]
    [RequestSizeLimit(ProjectFiles.MaxFiles * ProjectFiles.MaxBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = ProjectFiles.MaxFiles * ProjectFiles.MaxBytes + 64 * 1024)]
    public async Task<IActionResult> PostUpdate(long id, [FromForm] string? text, [FromForm] string? link, [FromForm] List<IFormFile>? files, CancellationToken cancel)
    {
        if (Mine(id) is not { } project) return NotFound();
        var outcome = await editor.AddUpdateAsync(project, text, link, files ?? [], Me, cancel);
        if (outcome.Id is not null) return Redirect($"/projects/{id}/edit?posted=true");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Form", Page(id, ProjectForm.From(project), new Dictionary<string, string>(), outcome.Errors.Keys.First()));
    }

    // Another region's project answers 404, as if it did not exist, like every other scoped lookup.
    private ProjectRow? Mine(long id) => projects.Find(id) is { } p && ProjectValidation.MayManage(Me, p.Region) ? p : null;

    private ProjectFormPage Page(long? id, ProjectForm form, IReadOnlyDictionary<string, string> errors, string? updateError = null) =>
        new(id, form, errors.ToDictionary(e => ProjectForm.FieldOf(e.Key), e => e.Value), rates.Currencies(),
            id is { } projectId ? projects.Updates(projectId) : [], updateError, AccessScope.Of(Me).Region)
        {
            Campaigns = id is { } shown ? campaigns.Naming(shown, Me) : [],
        };
}
