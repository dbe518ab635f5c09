using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Certificates.Documents;
using CampaignEngine.Web.ModuleHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Certificates.Issuing;

internal sealed class IssueForm
{
    public long? CompatriotId { get; set; }
    public string? ModuleId { get; set; }
    public string? Kind { get; set; }
    public string? Language { get; set; }
    public string? Reason { get; set; }
    public bool HonourRoll { get; set; }
    public bool DeliverToHolder { get; set; }

    /// <summary>The issuer saw the warnings (a duplicate, a reason in another language) and issues anyway.</summary>
    public bool Confirmed { get; set; }
}

/// <summary>What the issuer is asked to look at before a certificate is issued: nothing is issued until they confirm.</summary>
internal sealed record IssueCheck(IReadOnlyList<CertificateRecord> Duplicates, IReadOnlyList<LanguageWarning> Warnings);

internal sealed record CertificatesPage(
    IReadOnlyList<CertificateRecord> Certificates,
    int Page,
    IReadOnlyList<ModuleManifest> Modules,
    IssueForm Form,
    Compatriots.Search.PersonPicker Person,
    string? ErrorKey,
    IReadOnlyList<FieldError>? Errors = null,
    IssueCheck? Check = null)
{
    public string? ErrorFor(string field) => CertificateForms.ErrorFor(Errors, field);
}

/// <summary>The reissue form as sent, so that a refused one comes back with what was typed.</summary>
internal sealed record ReissueInput(string? HolderName, string? Reason, string? Language, bool DeliverToHolder);

/// <param name="Done">What just happened to this certificate ("issued", "revoked", "reissued"), told only when its state bears it out.</param>
/// <param name="Replaced">The serial this one replaced, after a reissue.</param>
/// <param name="ConfirmRevoke">The reason to publish, while the issuer is asked to confirm the revocation.</param>
/// <param name="ReissueWarnings">Why a reissue waits for confirmation (its reason reads as another language).</param>
internal sealed record CertificateDetailPage(
    CertificateRecord Certificate, ModuleManifest? Module, bool JustIssued, string? ErrorKey, long? DeliveryCampaignId = null,
    string? Done = null, string? Replaced = null, IReadOnlyList<FieldError>? Errors = null, string? ConfirmRevoke = null,
    ReissueInput? Reissue = null, IReadOnlyList<LanguageWarning>? ReissueWarnings = null, string? RevokeInput = null)
{
    public string? ErrorFor(string field) => CertificateForms.ErrorFor(Errors, field);
}

/// <summary>The oblast administrations' and officers' pages: list, issue, print, revoke, reissue.</summary>
[Route("certificates"), Authorize(Policy = Roles.Campaigners)]
internal sealed class CertificatesController(
    CertificateService certificates, ModuleRegistry modules, CertificateRendering rendering, Compatriots.Search.PersonPickers pickers) : Controller
{
    [HttpGet("")]
    public IActionResult Index(string? find, long? compatriot, string? module, int page = 1) =>
        View("Index", Build(new IssueForm { CompatriotId = compatriot, ModuleId = module }, find, page, null));

    /// <summary>
    /// Issues, or first shows what the issuer should look at (a certificate the person already holds for the same
    /// reason, a reason in another language than the paper) with a button that issues exactly what was checked.
    /// </summary>
    [HttpPost(""), ValidateAntiForgeryToken]
    public IActionResult Issue([FromForm] IssueForm form)
    {
        var outcome = certificates.Issue(Me, new IssueRequest(form.CompatriotId, form.ModuleId, form.Kind,
            string.IsNullOrEmpty(form.Language) ? null : form.Language, form.Reason, form.HonourRoll, form.DeliverToHolder, AllowDuplicate: form.Confirmed),
            holdOnWarnings: !form.Confirmed);
        if (outcome.Certificate is { } issued)
            return Redirect($"/certificates/{Uri.EscapeDataString(issued.Serial)}?issued=true{(outcome.Delivery is { } d ? $"&delivery={d.CampaignId}" : "")}");
        if (outcome.Forbidden)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return View("Index", Build(form, null, 1, "cert.error.forbidden"));
        }
        if (outcome.Duplicates.Count > 0 || outcome.Warnings.Count > 0)
        {
            Response.StatusCode = outcome.Duplicates.Count > 0 ? StatusCodes.Status409Conflict : StatusCodes.Status200OK;
            return View("Index", Build(form, null, 1, null) with { Check = new IssueCheck(outcome.Duplicates, outcome.Warnings) });
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Index", Build(form, null, 1, null, outcome.Faults));
    }

    [HttpGet("{serial}")]
    public IActionResult Detail(string serial, bool issued = false, long? delivery = null, bool revoked = false, string? reissued = null)
    {
        if (certificates.Find(Me, serial) is not { } certificate) return NotFound();
        // A message is only shown when the record bears it out, so a shared or replayed address never claims what did not happen.
        var replaced = reissued is not null && certificates.Find(Me, reissued) is { } old && old.SupersededBy == certificate.Serial ? old.Serial : null;
        var done = replaced is not null ? "reissued"
            : revoked && certificate.Status == CertificateStatus.Revoked ? "revoked"
            : issued ? "issued" : null;
        return View("Detail", Detail(certificate, issued, null) with { DeliveryCampaignId = delivery, Done = done, Replaced = replaced });
    }

    [HttpGet("{serial}/html")]
    public IActionResult Html(string serial) =>
        certificates.Find(Me, serial) is { } certificate ? Content(rendering.Html(certificate), "text/html; charset=utf-8") : NotFound();

    [HttpGet("{serial}/pdf")]
    public IActionResult Pdf(string serial) =>
        certificates.Find(Me, serial) is { } certificate ? File(rendering.Pdf(certificate), "application/pdf", $"{certificate.Serial}.pdf") : NotFound();

    /// <summary>
    /// Revoking is final and its reason is published on the verify page: the first press shows the reason as it
    /// will be published and asks again; only the confirmed press revokes.
    /// </summary>
    [HttpPost("{serial}/revoke"), ValidateAntiForgeryToken]
    public IActionResult Revoke(string serial, [FromForm] string? reason, [FromForm] bool confirmed = false)
    {
        if (certificates.Find(Me, serial) is not { } certificate) return NotFound();
        if (!confirmed && certificate.Status == CertificateStatus.Valid)
        {
            if (CertificateService.RevokeReasonFault(reason) is { } fault) return Refused(certificate, [fault with { Field = "revokeReason" }], revokeInput: reason);
            return View("Detail", Detail(certificate, false, null) with { ConfirmRevoke = CertificateService.OneLine(reason) });
        }
        var outcome = certificates.Revoke(Me, serial, reason);
        if (outcome.Certificate is not null) return Redirect($"/certificates/{Uri.EscapeDataString(serial)}?revoked=true");
        return Refused(certificate, [.. outcome.Faults.Select(f => f.Field == "reason" ? f with { Field = "revokeReason" } : f)], revokeInput: reason);
    }

    [HttpPost("{serial}/reissue"), ValidateAntiForgeryToken]
    public IActionResult Reissue(string serial, [FromForm] string? holderName, [FromForm] string? reason, [FromForm] string? language,
        [FromForm] bool deliverToHolder = false, [FromForm] bool confirmed = false)
    {
        if (certificates.Find(Me, serial) is not { } certificate) return NotFound();
        var input = new ReissueInput(holderName, reason, language, deliverToHolder);
        // The form always sends both fields, and binding reads an emptied one as null, which the service takes as "keep": here it is a fault.
        var outcome = certificates.Reissue(Me, serial, holderName ?? "", reason ?? "", string.IsNullOrEmpty(language) ? null : language, deliverToHolder,
            holdOnWarnings: !confirmed);
        if (outcome.Certificate is { } result)
            return Redirect($"/certificates/{Uri.EscapeDataString(result.Serial)}?reissued={Uri.EscapeDataString(serial)}" +
                (outcome.Delivery is { } d ? $"&delivery={d.CampaignId}" : ""));
        if (outcome.Warnings.Count > 0 && outcome.Faults.Count == 0)
            return View("Detail", Detail(certificate, false, null) with { Reissue = input, ReissueWarnings = outcome.Warnings });
        return Refused(certificate, outcome.Faults, input);
    }

    [HttpPost("{serial}/honour-roll"), ValidateAntiForgeryToken]
    public IActionResult HonourRoll(string serial, [FromForm] bool listed)
    {
        var outcome = certificates.SetHonourRoll(Me, serial, listed);
        if (outcome.Certificate is { } result) return Redirect($"/certificates/{Uri.EscapeDataString(result.Serial)}");
        return certificates.Find(Me, serial) is { } certificate ? Refused(certificate, outcome.Faults) : NotFound();
    }

    private ViewResult Refused(CertificateRecord certificate, IReadOnlyList<FieldError> faults, ReissueInput? reissue = null, string? revokeInput = null)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        var serialFault = faults.FirstOrDefault(f => f.Field == "serial");
        return View("Detail", Detail(certificate, false, serialFault is null ? null : "cert.error.serial") with
        {
            Errors = faults, Reissue = reissue, RevokeInput = revokeInput,
        });
    }

    private CertificatesPage Build(IssueForm form, string? find, int page, string? errorKey, IReadOnlyList<FieldError>? errors = null)
    {
        // The directory's scope for those who may issue (national staff: everyone; an oblast: its natives) is the
        // certificate's (AccessScope.PeopleRegion), so the picker offers exactly the people one may issue to.
        var person = pickers.For(Me, form: "issue-form", page: "/certificates", form.CompatriotId, find,
            keep: new Dictionary<string, string?> { ["module"] = form.ModuleId }, missing: errors?.Any(e => e.Field == "compatriotId") == true);
        return new CertificatesPage(certificates.List(Me, null, page), Math.Max(page, 1), AccessScope.Of(Me).ModulesActedFor(modules), form, person, errorKey, errors);
    }

    // Any catalogued module: a certificate of a module switched off later still shows its issuer.
    private CertificateDetailPage Detail(CertificateRecord certificate, bool issued, string? errorKey) =>
        new(certificate, modules.Catalogued(certificate.ModuleId), issued, errorKey);

    private CurrentUser Me => HttpContext.CurrentUser();
}

/// <summary>Per-field messages on the certificate forms.</summary>
internal static class CertificateForms
{
    /// <summary>The text key of the message beside <paramref name="field"/>, or null when it is fine.</summary>
    public static string? ErrorFor(IReadOnlyList<FieldError>? errors, string field) =>
        errors?.FirstOrDefault(e => e.Field == field) switch
        {
            null => null,
            { Field: "compatriotId", Message: "is required" } => "cert.error.compatriotIdMissing",
            _ => "cert.error." + field,
        };
}
