using CampaignEngine.Web.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Certificates.Issuers;

internal sealed class IssuerForm
{
    public string? NameKy { get; set; }
    public string? NameRu { get; set; }
    public string? NameEn { get; set; }
    public string? TitleKy { get; set; }
    public string? TitleRu { get; set; }
    public string? TitleEn { get; set; }
    public string? SignatoryName { get; set; }
    public string? EmblemSvg { get; set; }

    public IssuerInput Input => new(new(NameKy, NameRu, NameEn), new(TitleKy, TitleRu, TitleEn), SignatoryName, EmblemSvg);

    public static IssuerForm Of(IssuerData issuer) => new()
    {
        NameKy = issuer.Name.Ky, NameRu = issuer.Name.Ru, NameEn = issuer.Name.En,
        TitleKy = issuer.SignatoryTitle.Ky, TitleRu = issuer.SignatoryTitle.Ru, TitleEn = issuer.SignatoryTitle.En,
        SignatoryName = issuer.SignatoryName, EmblemSvg = issuer.EmblemSvg,
    };
}

internal sealed record IssuerPage(
    Core.Modules.ModuleManifest Module, IssuerForm Form, bool MayEdit, bool Edited, bool Saved, IReadOnlyList<Campaigns.FieldError> Errors)
{
    /// <summary>The fault of one input ("name.ky", "emblemSvg"), or null.</summary>
    public Campaigns.FieldError? ErrorOf(string field) => Errors.FirstOrDefault(e => e.Field == field);

    /// <summary>The text key of the message for a group of inputs ("name" for name.ky, name.ru, name.en), or null.</summary>
    public string? MessageFor(string group) =>
        Errors.Any(e => e.Field == group || e.Field.StartsWith(group + ".", StringComparison.Ordinal)) ? "cert.issuer.error." + group : null;
}

/// <summary>The issuer page of a module: what its certificates print, editable by its oblast administration and the admin.</summary>
[Route("certificates/issuer"), Authorize(Policy = Roles.Campaigners)]
internal sealed class IssuerController(IssuerEditing editing) : Controller
{
    [HttpGet("{moduleId}")]
    public IActionResult Show(string moduleId, bool saved = false)
    {
        var outcome = editing.Read(Me, moduleId);
        if (outcome.NotFound || outcome.Forbidden) return NotFound();
        return View("Issuer", new IssuerPage(outcome.Module!, IssuerForm.Of(outcome.Issuer!.Issuer), IssuerEditing.MayEdit(Me, outcome.Module!),
            outcome.Issuer.Edited, saved, []));
    }

    // Officers may read the issuer but not change it; refused by role before the form is read.
    [HttpPost("{moduleId}"), Authorize(Roles = Roles.Admin + "," + Roles.Oblast), ValidateAntiForgeryToken]
    public IActionResult Save(string moduleId, [FromForm] IssuerForm form)
    {
        var outcome = editing.Update(Me, moduleId, form.Input);
        if (outcome.NotFound) return NotFound();
        if (outcome.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        if (outcome.Faults.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Issuer", new IssuerPage(outcome.Module!, form, true, false, false, outcome.Faults));
        }
        return Redirect($"/certificates/issuer/{Uri.EscapeDataString(moduleId)}?saved=true");
    }

    private CurrentUser Me => HttpContext.CurrentUser();
}
