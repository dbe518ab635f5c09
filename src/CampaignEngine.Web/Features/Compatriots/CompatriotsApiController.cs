using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Compatriots;

[Route("api/compatriots")]
internal sealed class CompatriotsApiController(CompatriotQueries queries, CompatriotImporter importer) : ApiControllerBase
{
    public const int MaxPageSize = 500;
    public const long MaxUpload = 200_000_000;

    [HttpGet]
    public IActionResult List(string? region, string? country, string? gender, string? language, string? search, int page = 1, int pageSize = 50)
    {
        if (FilterProblem(region, country, gender, language, page, pageSize) is { } problem) return problem;
        var result = queries.List(new CompatriotFilter(region, country, gender, language, search, page, pageSize), Me);
        return Ok(new { total = result.Total, items = result.Items });
    }

    [HttpGet("{id:long}")]
    public IActionResult Get(long id) =>
        queries.Find(id, Me) is { } item ? Ok(item) : Problems.NotFound($"No compatriot {id} in your scope.");

    /// <summary>
    /// Imports a CSV (multipart field <c>file</c>). Rejected rows carry the row number a spreadsheet shows:
    /// the header is row 1, the first data row is row 2.
    /// </summary>
    [HttpPost("import"), Authorize(Policy = Roles.Recorders, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName), RequestSizeLimit(MaxUpload), RequestFormLimits(MultipartBodyLengthLimit = MaxUpload)]
    public IActionResult Import(IFormFile? file, [FromServices] BackgroundImports background)
    {
        if (!CompatriotImporter.MayImport(Me)) return Forbid();
        if (file is null || file.Length == 0) return Problems.Invalid("file", "a non-empty CSV file is required in the multipart field 'file'");
        using var stream = file.OpenReadStream();
        // A large file: 202 with the import's id; its state (and at the end the same report) at GET imports/{id}.
        if (background.InBackground(file.Length))
        {
            var id = background.Start(stream, Me);
            return Accepted($"/api/compatriots/imports/{id}", new { id, state = BackgroundImports.Queued });
        }
        var (report, fault) = importer.Import(stream, Me);
        if (report is null) return Problems.Invalid(fault!.Field, fault.Error);
        return Ok(Body(report));
    }

    private static object Body(ImportReport report) => new
    {
        imported = report.Imported,
        updated = report.Updated,
        rejected = report.Rejected.Select(e => new { row = e.Row, field = e.Field, error = e.Error }),
        kept = report.Kept.Select(k => new { row = k.Row, externalId = k.ExternalId, fields = k.Fields, reason = KeptReason }),
    };

    /// <summary>
    /// A background import's state: <c>queued</c>, <c>running</c> (with its phase, <c>reading</c> or <c>writing</c>, and
    /// counts on the host that runs it), <c>done</c> (with the same report as an import on the spot) or <c>failed</c>
    /// (with the file's fault when it could not be read).
    /// </summary>
    [HttpGet("imports/{id:long}"), Authorize(Policy = Roles.Recorders, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
    public IActionResult ImportState(long id, [FromServices] BackgroundImports background)
    {
        if (background.Status(id, Me) is not { } status) return Problems.NotFound($"No import {id} in your scope.");
        return Ok(new
        {
            id = status.Id,
            state = status.State,
            phase = status.Phase,
            fileBytes = status.FileBytes,
            rowsRead = status.Live?.Read,
            refused = status.Live?.Refused,
            toWrite = status.Live?.ToWrite,
            written = status.Live?.Written,
            report = status.Report is { } report ? Body(report) : null,
            fault = status.Fault is { } fault ? new { field = fault.Field, error = fault.Error } : null,
        });
    }

    /// <summary>Why an import left some fields of a row as they were, said once for every such row.</summary>
    public const string KeptReason = "the person chose these on their own page (or opted out themselves): the import did not change them";

    /// <summary>Shared by the API and the page: an unknown filter value is an error, not an empty result.</summary>
    public static ObjectResult? FilterProblem(string? region, string? country, string? gender, string? language, int page, int pageSize)
    {
        if (!string.IsNullOrWhiteSpace(region) && Regions.Find(region) is null) return Problems.Invalid("region", $"'{region}' is not a region code (KG-Y) or id (issyk-kul)");
        if (!string.IsNullOrWhiteSpace(country) && Countries.Find(country) is null) return Problems.Invalid("country", $"'{country}' is not a known country code");
        if (!string.IsNullOrWhiteSpace(gender) && !Vocabulary.Genders.Contains(gender)) return Problems.Invalid("gender", $"use one of {string.Join(", ", Vocabulary.Genders)}");
        if (!string.IsNullOrWhiteSpace(language) && !Languages.IsKnown(language)) return Problems.Invalid("language", "use ky, ru or en");
        if (page < 1) return Problems.Invalid("page", "must be 1 or more");
        if (pageSize < 1 || pageSize > MaxPageSize) return Problems.Invalid("pageSize", $"must be between 1 and {MaxPageSize}");
        return null;
    }
}
