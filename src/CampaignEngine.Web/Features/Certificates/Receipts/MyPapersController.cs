using CampaignEngine.Web.Features.Audit;
using CampaignEngine.Web.Features.Certificates.Documents;
using CampaignEngine.Web.Features.MyPage;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CampaignEngine.Web.Features.Certificates.Receipts;

/// <summary>
/// The person's signed papers behind their own link: a receipt for each approved fulfilment, a statement per year, and
/// their certificates. Another person's fulfilment, year or serial answers exactly as a bad link does (the neutral 404),
/// so a link cannot be used to learn what exists. The paper is in the page's language (<c>?lang=</c>), else the person's.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
internal sealed class MyPapersController(
    MyPageGate gate, PersonalReceipts receipts, CertificateStore certificates, CertificateRendering rendering, AuditLog audit) : Controller
{
    [HttpGet("/me/{token}/receipts/{id:long}.pdf")]
    public IActionResult Receipt(string token, long id, string? lang) =>
        Paper(token, lang, "me.receipt", (person, language) => receipts.Receipt(person, id, language));

    [HttpGet("/me/{token}/receipts/{year:int}/statement.pdf")]
    public IActionResult Statement(string token, int year, string? lang, string? issuer) =>
        Paper(token, lang, "me.statement", (person, language) => receipts.Statement(person, year, issuer, language));

    [HttpGet("/me/{token}/certificates/{serial}.pdf")]
    public IActionResult Certificate(string token, string serial)
    {
        if (gate.Open(HttpContext, token)?.CompatriotId is not { } person) return MyPageGate.Refused(this);
        var found = CertificateSerial.Normalize(serial) is { } s ? certificates.Find(s) : null;
        // An erased holder's paper has no name left to print; like anyone else's, it opens nothing here.
        if (found is null || found.CompatriotId != person || found.HolderErased) return MyPageGate.Refused(this);
        audit.Append(null, "anonymous", "me.certificate", $"compatriot/{person}", new { serial = found.Serial });
        return File(rendering.Pdf(found), "application/pdf", $"{found.Serial}.pdf");
    }

    private IActionResult Paper(string token, string? lang, string action, Func<long, string, CertificateRecord?> sign)
    {
        if (gate.Open(HttpContext, token) is not { } opened) return MyPageGate.Refused(this);
        var person = opened.CompatriotId;
        var language = MyPageGate.Language(HttpContext, opened, lang);
        if (sign(person, language) is not { } paper) return MyPageGate.Refused(this);
        audit.Append(null, "anonymous", action, $"compatriot/{person}", new { serial = paper.Serial, module = paper.ModuleId });
        return File(receipts.Pdf(paper, person), "application/pdf", $"{paper.Serial}.pdf");
    }
}
