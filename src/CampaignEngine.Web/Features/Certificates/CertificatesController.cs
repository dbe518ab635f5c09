using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Certificates;

public sealed class IssueForm
{
    public long? CompatriotId { get; set; }
    public string? ModuleId { get; set; }
    public string? Kind { get; set; }
    public string? Language { get; set; }
    public string? Reason { get; set; }
    public bool HonourRoll { get; set; }
    public bool DeliverToHolder { get; set; }
}

public sealed record CertificatesPage(
    IReadOnlyList<CertificateRecord> Certificates,
    int Page,
    IReadOnlyList<ModuleManifest> Modules,
    IssueForm Form,
    Compatriots.Search.PersonPicker Person,
    string? ErrorKey);

public sealed record CertificateDetailPage(CertificateRecord Certificate, ModuleManifest? Module, bool JustIssued, string? ErrorKey, long? DeliveryCampaignId = null);

/// <summary>The oblast administrations' and officers' pages: list, issue, print, revoke, reissue.</summary>
[Route("certificates"), Authorize(Policy = Roles.Campaigners)]
public sealed class CertificatesController(
    CertificateService certificates, CertificateScope scope, CertificateRendering rendering, Compatriots.Search.PersonPickers pickers) : Controller
{
    [HttpGet("")]
    public IActionResult Index(string? find, long? compatriot, string? module, int page = 1) =>
        View("Index", Build(new IssueForm { CompatriotId = compatriot, ModuleId = module }, find, page, null));

    [HttpPost(""), ValidateAntiForgeryToken]
    public IActionResult Issue([FromForm] IssueForm form)
    {
        var outcome = certificates.Issue(Me, new IssueRequest(form.CompatriotId, form.ModuleId, form.Kind,
            string.IsNullOrEmpty(form.Language) ? null : form.Language, form.Reason, form.HonourRoll, form.DeliverToHolder));
        if (outcome.Certificate is { } issued)
            return Redirect($"/certificates/{Uri.EscapeDataString(issued.Serial)}?issued=true{(outcome.Delivery is { } d ? $"&delivery={d.CampaignId}" : "")}");
        Response.StatusCode = outcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        return View("Index", Build(form, null, 1, outcome.Forbidden ? "cert.error.forbidden" : "cert.error." + outcome.Field));
    }

    [HttpGet("{serial}")]
    public IActionResult Detail(string serial, bool issued = false, long? delivery = null) =>
        certificates.Find(Me, serial) is { } certificate ? View("Detail", Detail(certificate, issued, null) with { DeliveryCampaignId = delivery }) : NotFound();

    [HttpGet("{serial}/html")]
    public IActionResult Html(string serial) =>
        certificates.Find(Me, serial) is { } certificate ? Content(rendering.Html(certificate), "text/html; charset=utf-8") : NotFound();

    [HttpGet("{serial}/pdf")]
    public IActionResult Pdf(string serial) =>
        certificates.Find(Me, serial) is { } certificate ? File(rendering.Pdf(certificate), "application/pdf", $"{certificate.Serial}.pdf") : NotFound();

    [HttpPost("{serial}/revoke"), ValidateAntiForgeryToken]
    public IActionResult Revoke(string serial, [FromForm] string? reason) =>
        After(serial, certificates.Revoke(Me, serial, reason));

    [HttpPost("{serial}/reissue"), ValidateAntiForgeryToken]
    public IActionResult Reissue(string serial, [FromForm] string? holderName, [FromForm] string? reason, [FromForm] string? language,
        [FromForm] bool deliverToHolder = false) =>
        After(serial, certificates.Reissue(Me, serial, holderName, reason, string.IsNullOrEmpty(language) ? null : language, deliverToHolder));

    [HttpPost("{serial}/honour-roll"), ValidateAntiForgeryToken]
    public IActionResult HonourRoll(string serial, [FromForm] bool listed) =>
        After(serial, certificates.SetHonourRoll(Me, serial, listed));

    private IActionResult After(string serial, IssueOutcome outcome)
    {
        if (outcome.Certificate is { } result)
            return Redirect($"/certificates/{Uri.EscapeDataString(result.Serial)}{(outcome.Delivery is { } d ? $"?delivery={d.CampaignId}" : "")}");
        if (certificates.Find(Me, serial) is not { } certificate) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Detail", Detail(certificate, false, "cert.error." + outcome.Field));
    }

    private CertificatesPage Build(IssueForm form, string? find, int page, string? errorKey)
    {
        // The directory's scope for those who may issue (national staff: everyone; an oblast: its natives) is the
        // certificate's (CertificateScope.CompatriotRegion), so the picker offers exactly the people one may issue to.
        var person = pickers.For(Me, form: "issue-form", page: "/certificates", form.CompatriotId, find,
            keep: new Dictionary<string, string?> { ["module"] = form.ModuleId }, missing: errorKey == "cert.error.compatriotId");
        return new CertificatesPage(certificates.List(Me, null, page), Math.Max(page, 1), scope.ModulesFor(Me), form, person, errorKey);
    }

    private static CertificateDetailPage Detail(CertificateRecord certificate, bool issued, string? errorKey) =>
        new(certificate, CampaignEngine.Web.Modules.ModuleCatalog.All.Select(m => m.Manifest).FirstOrDefault(m => m.Id == certificate.ModuleId), issued, errorKey);

    private CurrentUser Me => HttpContext.CurrentUser();
}
