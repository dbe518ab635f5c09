using System.Diagnostics;
using CampaignEngine.Web.Features.Certificates;
using CampaignEngine.Web.Features.Certificates.Bulk;
using CampaignEngine.Web.Features.Certificates.Documents;
using CampaignEngine.Web.Features.Certificates.Issuing;
using CampaignEngine.Web.Features.Certificates.Verification;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Item 5: issuing a certificate (serial, canonical content, ECDSA signature, row) and rendering its PDF, then
/// verifying it by serial (hash recomputed, signature checked) — per certificate, through the product's services;
/// then a bulk job of 1,000 certificates (50 in quick mode) as an oblast user starts it: preview, job rows, issuing
/// each, and delivery to the holders (system campaign, holder links, ledger rows; the dispatch itself is item 2).
/// </summary>
internal static class CertificateItem
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

        // Untimed first issuances: the first creates the issuer's key pair (once in a module's life), and the rest let
        // the JIT settle the way it has in a host that has run for a while. With one warm-up, the timed runs still
        // paid for tiered compilation (measured: ~17–24 ms against ~8 ms with the JIT settled).
        for (var i = 0; i < k; i++) IssueAndRender();
        pdfTime.Reset();
        var warmUp = serials.Count;
        var issue = Measure.Median(options.Runs, _ => { for (var i = 0; i < k; i++) IssueAndRender(); });
        var verify = Measure.Median(options.Runs, _ =>
        {
            foreach (var serial in serials.TakeLast(k))
            {
                var result = verifier.Verify(serial);
                if (result.Status != CertificateStatus.Valid) throw new InvalidOperationException($"{serial} verified as {result.Status}.");
            }
        });
        var pdfShare = pdfTime.Elapsed.TotalMilliseconds / (serials.Count - warmUp);
        yield return new Result("certificate issue: sign + render PDF", $"{k} certificates per run", issue.TotalMilliseconds / k, "ms",
            null, null, BudgetKind.AtMost, 20, $"of which the PDF (PdfPig, two embedded DejaVu subset fonts) takes {pdfShare:0.0} ms per certificate on average; {warmUp} untimed issuances first.");
        yield return new Result("certificate verify (hash + signature)", $"{k} certificates per run", verify.TotalMilliseconds / k, "ms",
            null, null, BudgetKind.AtMost, 2);

        var bulk = host.Services.GetRequiredService<CertificateBulk>();
        var size = options.Quick ? 50 : 1_000;
        long? projectId = null;
        var job = Measure.Median(options.Runs,
            _ =>
            {
                var (jobId, total, refused) = bulk.Start(host.Admin, new BulkCriteria("national", null, projectId, null, null, 100m, null,
                    CertificateKinds.Honorary, null, null, HonourRoll: false, IncludeUnfulfilled: false, DeliverToHolders: true));
                if (jobId is null || total != size) throw new InvalidOperationException($"Bulk job not started for {size} people: {total}, {refused?.Field} {refused?.Error}");
                bulk.Run(jobId.Value);
                var status = bulk.Status(host.Admin, jobId.Value)!;
                if (status.Status != "completed" || status.Done != size || status.DeliveryCampaignId is null)
                    throw new InvalidOperationException($"Bulk job {jobId} ended {status.Status} with {status.Done} of {size} issued.");
            },
            prepare: run => projectId = DonorsOfOneProject(host, size, firstPerson: options.Compatriots / 2 + run * size));
        yield return new Result($"certificate bulk issue: whole job of {size:N0}", $"{size:N0} holders, {options.Runs} run(s)", job.TotalSeconds, "s",
            null, null, BudgetKind.AtMost, options.Quick ? 10 : 60,
            $"preview, job rows, issue and sign each, deliver (one campaign, {size:N0} holder links and ledger rows); {job.TotalMilliseconds / size:0.0} ms per certificate.");
        yield return new Result("certificate bulk issue: per certificate", $"{size:N0} per job", job.TotalMilliseconds / size, "ms",
            null, null, BudgetKind.AtMost, 30);

        // Bookkeeping outside the stopwatch: a national project and one fulfilled USD 150 pledge to it, paid and approved, from each of size people.
        static long DonorsOfOneProject(ProductHost host, int size, int firstPerson)
        {
            using var connection = host.Open();
            using var transaction = connection.BeginTransaction();
            var id = connection.ExecuteScalar<long>("""
                INSERT INTO pledge_project (module_id, region, title_ky, title_ru, title_en, budget, currency, budget_usd, created_at)
                VALUES ('national', 'KG-C', 'Долбоор', 'Проект', 'Project', 1000000, 'USD', 1000000, @at) RETURNING id
                """, new { at = DateTimeOffset.UtcNow.ToString("O") }, transaction);
            var written = connection.Execute("""
                INSERT INTO pledge (compatriot_id, project_id, kind, amount, currency, amount_usd, status, recorded_by, gender, age_band, home_region, country, created_at)
                SELECT id, @id, 'money', 150, 'USD', 150, 'fulfilled', 'officer', gender, '30-39', home_region, country, @at
                FROM directory_compatriot WHERE id >= @firstPerson ORDER BY id LIMIT @size
                """, new { id, firstPerson, size, at = DateTimeOffset.UtcNow.ToString("O") }, transaction);
            if (written != size) throw new InvalidOperationException($"Only {written} people from #{firstPerson} for a bulk job of {size}.");
            // Bulk issuance counts approved fulfilments, not the status: each pledge gets the transfer that fulfilled it.
            connection.Execute("""
                INSERT INTO pledge_fulfilment (pledge_id, amount, currency, amount_usd, evidence, status, recorded_by, recorded_at, decided_by, decided_at)
                SELECT p.id, 150, 'USD', 150, 'bench transfer', 'approved', u.id, p.created_at, u.id, p.created_at
                FROM pledge p, (SELECT MIN(id) AS id FROM auth_user) u WHERE p.project_id = @id
                """, new { id }, transaction);
            transaction.Commit();
            return id;
        }

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
