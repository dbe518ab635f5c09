using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Compatriots;

internal sealed record CompatriotsPage
{
    public required CompatriotFilter Filter { get; init; }
    public required CompatriotPage Result { get; init; }
    public required bool MayImport { get; init; }
    public ImportReport? Report { get; init; }
    /// <summary>The text key of a refusal before reading (no file chosen).</summary>
    public string? ImportRefusal { get; init; }
    /// <summary>The fault of a file that could not be read at all.</summary>
    public ImportError? ImportFault { get; init; }
    /// <summary>Corrections people proposed on their own page, waiting for a decision (people in the caller's scope).</summary>
    public IReadOnlyList<(Self.ProposedChange Change, string FullName)> WaitingChanges { get; init; } = [];

    public int Pages => Math.Max(1, (Result.Total + Filter.PageSize - 1) / Filter.PageSize);
}

[Route("compatriots"), Authorize(Policy = Roles.Staff)]
internal sealed class CompatriotsController(CompatriotQueries queries, CompatriotImporter importer, Self.ProposedChanges changes) : Controller
{
    private const int PageSize = 50;

    private const string IndexView = "Index";

    [HttpGet("")]
    public IActionResult Index(string? region, string? country, string? gender, string? language, string? q, int page = 1) =>
        View(IndexView, Build(region, country, gender, language, q, page, null));

    /// <summary>
    /// The person picker's type-ahead (picker.js): the people matching <paramref name="q"/> in the caller's scope, with
    /// where they live in the page's language. A page endpoint, signed in by cookie, because the script runs on staff pages.
    /// </summary>
    [HttpGet("pick")]
    public IActionResult Pick(string? q, [FromServices] Search.PersonSearch search, [FromServices] Infrastructure.Localization.UiText texts)
    {
        var language = Infrastructure.Localization.UiLanguage.Of(HttpContext);
        var found = search.Find(q, HttpContext.CurrentUser());
        var noRegion = texts.Get(language, "picker.noRegion");
        Response.Headers.CacheControl = "no-store";
        return Json(new
        {
            more = found.More,
            people = found.People.Select(p => new
            {
                id = p.Id, name = p.FullName, where = Search.PersonPicker.Where(p, language, noRegion), birthYear = p.BirthYear, externalId = p.ExternalId,
            }),
        }, PickJson);
    }

    // Names as written (Асель, not \u0410…): a third of the size, and what the page shows; markup characters stay escaped.
    private static readonly System.Text.Json.JsonSerializerOptions PickJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    [HttpPost("import"), ValidateAntiForgeryToken, Authorize(Policy = Roles.Recorders)]
    [RequestSizeLimit(CompatriotsApiController.MaxUpload), RequestFormLimits(MultipartBodyLengthLimit = CompatriotsApiController.MaxUpload)]
    public IActionResult Import(IFormFile? file, [FromServices] BackgroundImports background)
    {
        var me = HttpContext.CurrentUser();
        if (!CompatriotImporter.MayImport(me)) return Forbid();
        if (file is null || file.Length == 0) return View(IndexView, Build(null, null, null, null, null, 1, null) with { ImportRefusal = "dir.import.nofile" });
        using var stream = file.OpenReadStream();
        // A large file is imported in the background; its page shows how far it is, then the same report.
        if (background.InBackground(file.Length)) return Redirect($"/compatriots/imports/{background.Start(stream, me)}");
        var (report, fault) = importer.Import(stream, me);
        return View(IndexView, Build(null, null, null, null, null, 1, report) with { ImportFault = fault });
    }

    /// <summary>
    /// The header row as a blank file to fill in. It starts with the UTF-8 byte order mark, by which Excel opens it with
    /// its Cyrillic intact and saves it again as "CSV UTF-8", the one encoding the import takes.
    /// </summary>
    [HttpGet("import/template.csv"), Authorize(Policy = Roles.Recorders)]
    public IActionResult ImportTemplate() =>
        File(Infrastructure.Export.CsvCell.FileBytes(Compatriots.Import.CompatriotColumns.Header + "\r\n"), "text/csv; charset=utf-8", "compatriots.csv");

    /// <summary>A background import's progress from the server, ending on its per-row report.</summary>
    [HttpGet("imports/{id:long}"), Authorize(Policy = Roles.Recorders)]
    public IActionResult ImportProgress(long id, [FromServices] BackgroundImports background)
    {
        if (background.Status(id, HttpContext.CurrentUser()) is not { } status) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return View("Import", status);
    }

    private CompatriotsPage Build(string? region, string? country, string? gender, string? language, string? q, int page, ImportReport? report)
    {
        var me = HttpContext.CurrentUser();
        // The page offers closed lists; a value that is not in them is dropped instead of failing.
        var filter = new CompatriotFilter(
            Regions.Find(region)?.Code,
            Countries.Find(country)?.Iso2,
            Vocabulary.Genders.Contains(gender ?? "") ? gender : null,
            Languages.IsKnown(language) ? language : null,
            string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            Math.Max(1, page),
            PageSize);
        return new CompatriotsPage
        {
            Filter = filter,
            Result = queries.List(filter, me),
            MayImport = CompatriotImporter.MayImport(me),
            Report = report,
            WaitingChanges = changes.Waiting(AccessScope.Of(me)),
        };
    }
}
