using System.Diagnostics;
using CampaignEngine.Web.Features.Certificates;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Item 5: issuing a certificate (serial, canonical content, ECDSA signature, row) and rendering its PDF, then
/// verifying it by serial (hash recomputed, signature checked) — per certificate, through the product's services.
/// </summary>
public static class CertificateItem
{
    public static IEnumerable<Result> Run(ProductHost host, BenchOptions options)
    {
        var service = host.Services.GetRequiredService<CertificateService>();
        var rendering = host.Services.GetRequiredService<CertificateRendering>();
        var verifier = host.Services.GetRequiredService<CertificateVerifier>();
        var k = options.Certificates;
        var serials = new List<string>();
        var next = 1L;
        var pdfTime = new Stopwatch();

        // The first issuance creates the issuer's key pair; that happens once in a module's life, not per certificate.
        IssueAndRender();
        var issue = Measure.Median(options.Runs, _ => { for (var i = 0; i < k; i++) IssueAndRender(); });
        var verify = Measure.Median(options.Runs, _ =>
        {
            foreach (var serial in serials.TakeLast(k))
            {
                var result = verifier.Verify(serial);
                if (result.Status != CertificateStatus.Valid) throw new InvalidOperationException($"{serial} verified as {result.Status}.");
            }
        });
        // The split is over every issuance of the item (warm-up included), enough to say where the time goes.
        var pdfShare = pdfTime.Elapsed.TotalMilliseconds / serials.Count;
        yield return new Result("certificate issue: sign + render PDF", $"{k} certificates per run", issue.TotalMilliseconds / k, "ms",
            null, null, BudgetKind.AtMost, 20, $"of which the PDF (PdfPig, two embedded DejaVu fonts) takes {pdfShare:0.0} ms per certificate on average.");
        yield return new Result("certificate verify (hash + signature)", $"{k} certificates per run", verify.TotalMilliseconds / k, "ms",
            null, null, BudgetKind.AtMost, 2);

        void IssueAndRender()
        {
            var outcome = service.Issue(host.Admin, new IssueRequest(next++, "national", "gratitude", null, "For help after the mudflow"));
            var certificate = outcome.Certificate ?? throw new InvalidOperationException($"Issue refused: {outcome.Field} {outcome.Error}");
            pdfTime.Start();
            var pdf = rendering.Pdf(certificate);
            pdfTime.Stop();
            Debug.Assert(pdf.Length > 0);
            serials.Add(certificate.Serial);
        }
    }
}
