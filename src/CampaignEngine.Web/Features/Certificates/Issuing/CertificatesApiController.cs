using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Certificates.Delivery;
using CampaignEngine.Web.Features.Certificates.Documents;
using CampaignEngine.Web.Features.Certificates.Verification;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CampaignEngine.Web.Features.Certificates.Issuing;

/// <summary>The corrections a reissue takes; <c>fullName</c> is the documented name, <c>holderName</c> its older spelling.</summary>
internal sealed record ReissueBody(string? FullName, string? HolderName, string? Reason, string? Language, bool DeliverToHolder = false);

internal sealed record RevokeBody(string? Reason);

internal sealed record BatchBody(IReadOnlyList<long>? CompatriotIds, string? ModuleId, string? Kind, string? Language, string? Reason, bool DeliverToHolders = false);

// Certificates are for national staff and oblast administrations; leaders have none to see.
[Authorize(Policy = Roles.Campaigners, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
[Route("api/certificates")]
internal sealed class CertificatesApiController(
    CertificateService certificates, CertificateVerifier verifier, CertificateRendering rendering, CertificateDocuments documents)
    : ApiControllerBase
{
    [HttpPost]
    public IActionResult Issue([FromBody] IssueRequest body) => Answer(certificates.Issue(Me, body));

    /// <summary>One recognition for many people (a quarter's donors), each in their own language.</summary>
    [HttpPost("batch")]
    public IActionResult IssueMany([FromBody] BatchBody body)
    {
        var (issued, refused, delivered) = certificates.IssueMany(Me, body.CompatriotIds, body.ModuleId, body.Kind, body.Language, body.Reason, body.DeliverToHolders);
        if (refused is not null) return Problem(refused);
        return StatusCode(StatusCodes.Status201Created, new
        {
            certificates = issued.Select(c => new { compatriotId = c.CompatriotId, serial = c.Serial, language = c.Language, verifyUrl = documents.VerifyUrl(c.Serial) }),
            delivery = Delivery(delivered),
        });
    }

    [HttpPost("{serial}/reissue")]
    public IActionResult Reissue(string serial, [FromBody] ReissueBody body)
    {
        if (body.FullName is not null && body.HolderName is not null && body.FullName != body.HolderName)
            return Problems.Invalid("fullName", "give the name once, as fullName (holderName is its older spelling)");
        var outcome = certificates.Reissue(Me, serial, body.FullName ?? body.HolderName, body.Reason, body.Language, body.DeliverToHolder);
        // The service calls the name holderName; the caller is told about the field it sent.
        return body.FullName is not null && outcome is { Certificate: null, Forbidden: false }
            ? Answer(outcome with { Faults = [.. outcome.Faults.Select(f => f.Field == "holderName" ? f with { Field = "fullName" } : f)] })
            : Answer(outcome);
    }

    [HttpPost("{serial}/revoke")]
    public IActionResult Revoke(string serial, [FromBody] RevokeBody body)
    {
        var outcome = certificates.Revoke(Me, serial, body.Reason);
        return outcome.Certificate is { } revoked ? Ok(Summary(revoked)) : Problem(outcome);
    }

    [HttpGet]
    public IActionResult List(string? moduleId, int page = 1) =>
        Ok(certificates.List(Me, moduleId, page).Select(Summary));

    [HttpGet("{serial}")]
    public IActionResult Get(string serial) =>
        certificates.Find(Me, serial) is { } certificate ? Ok(Summary(certificate)) : Problems.NotFound($"certificate {serial}");

    [HttpGet("{serial}/pdf"), Produces("application/pdf")]
    public IActionResult Pdf(string serial) =>
        certificates.Find(Me, serial) is { } certificate
            ? File(rendering.Pdf(certificate), "application/pdf", $"{certificate.Serial}.pdf")
            : Problems.NotFound($"certificate {serial}");

    [HttpGet("{serial}/html"), Produces("text/html")]
    public IActionResult Html(string serial) =>
        certificates.Find(Me, serial) is { } certificate
            ? Content(rendering.Html(certificate), "text/html; charset=utf-8")
            : Problems.NotFound($"certificate {serial}");

    /// <summary>Public like the verify page: a journalist's tool or an employer's HR system may ask without an account.</summary>
    [HttpGet("{serial}/verify"), AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
    public IActionResult Verify(string serial, string? s)
    {
        Response.Headers.CacheControl = "no-store";
        var result = verifier.Verify(serial, string.IsNullOrEmpty(s) ? null : s);
        return Ok(new
        {
            status = result.Status,
            serial = result.Serial,
            issuer = result.IssuerName(result.Certificate?.Language),
            moduleId = result.Certificate?.ModuleId,
            kind = result.Certificate?.Kind,
            issuedAt = result.Certificate?.IssuedAt,
            // Only with the proof from the QR code (s), never once erased: a serial alone names nobody.
            holder = result.PartialHolder,
            holderErased = result.HolderErased,
            supersededBy = result.Certificate?.SupersededBy,
        });
    }

    private IActionResult Answer(IssueOutcome outcome) =>
        outcome.Certificate is { } issued
            ? Created($"/api/certificates/{issued.Serial}", new
            {
                serial = issued.Serial, verifyUrl = documents.VerifyUrl(issued.Serial), delivery = Delivery(outcome.Delivery),
                warnings = outcome.Warnings.Select(w => new { field = w.Field, message = w.Message, textLanguage = w.TextLanguage, paperLanguage = w.PaperLanguage }),
            })
            : outcome.Duplicates.Count > 0 ? Duplicate(outcome) : Problem(outcome);

    /// <summary>409 naming the certificates the person already holds, and the field that issues another anyway.</summary>
    private static ObjectResult Duplicate(IssueOutcome outcome)
    {
        var conflict = Problems.Conflict($"{outcome.Field}: {outcome.Error}");
        var problem = (ProblemDetails)conflict.Value!;
        problem.Extensions["field"] = "allowDuplicate";
        problem.Extensions["existing"] = outcome.Duplicates.Select(d => new
        {
            serial = d.Serial, moduleId = d.ModuleId, kind = d.Kind, reason = d.Reason, issuedAt = d.IssuedAt, url = $"/api/certificates/{d.Serial}",
        }).ToList();
        return conflict;
    }

    private static object? Delivery(DeliveryResult? delivery) =>
        delivery is null ? null : new { campaignId = delivery.CampaignId, queued = delivery.Queued, unreachable = delivery.Unreachable };

    private static IActionResult Problem(IssueOutcome outcome) =>
        outcome.Forbidden ? Problems.Forbidden(outcome.Error!) : Problems.Invalid(FieldError.ByField(outcome.Faults));

    private object Summary(CertificateRecord c) => new
    {
        serial = c.Serial,
        compatriotId = c.CompatriotId,
        moduleId = c.ModuleId,
        kind = c.Kind,
        language = c.Language,
        holderName = c.HolderErased ? null : c.HolderName,
        holderErased = c.HolderErased,
        reason = c.Reason,
        issuedAt = c.IssuedAt,
        status = c.Status,
        revokedAt = c.RevokedAt,
        revokeReason = c.RevokeReason,
        supersededBy = c.SupersededBy,
        verifyUrl = documents.VerifyUrl(c.Serial),
    };
}
