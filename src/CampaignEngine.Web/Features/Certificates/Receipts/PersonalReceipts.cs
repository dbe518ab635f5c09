using System.Globalization;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Certificates.Documents;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Certificates.Receipts;

/// <summary>An approved fulfilment with the administration that answers for it and the year it counts in (as the issuer counts days).</summary>
internal sealed record AttestedFulfilment(ApprovedFulfilment Fulfilment, ModuleManifest Issuer)
{
    public int Year => CertificateContent.IssuerDay(Fulfilment.ReceivedAt).Year;
}

/// <summary>
/// A person's receipts and yearly statements, signed on first download with the issuer's key through the certificates'
/// own path (<see cref="IssuerKey.Seal"/>, the serial counter, <see cref="CertificateContent"/>) and kept in
/// <see cref="ReceiptStore"/>, so that the serial answers on <c>/verify</c>. The issuer of a fulfilment is its campaign's
/// module, else its project's, else the home module of its region; one that no module answers for gets no receipt.
/// </summary>
internal sealed class PersonalReceipts(
    IApprovedFulfilments fulfilments, ReceiptStore receipts, CertificateStore certificates, ModuleRegistry modules, CertificateSigner signer,
    IssuerProfileStore issuers, CertificateIssuers printedIssuers, CertificateDocuments documents, UiText texts, TimeProvider clock,
    ILogger<PersonalReceipts> logger)
{
    public IReadOnlyList<AttestedFulfilment> Of(long compatriotId) =>
        fulfilments.Of(compatriotId)
            .Select(f => (Fulfilment: f, Issuer: modules.Catalogued(f.ModuleId) ?? modules.HomeOf(f.Region)))
            .Where(x => x.Issuer is not null)
            .Select(x => new AttestedFulfilment(x.Fulfilment, x.Issuer!))
            .ToList();

    /// <summary>The signed receipt of one of the person's approved fulfilments; null when it is not theirs or not approved.</summary>
    public CertificateRecord? Receipt(long compatriotId, long fulfilmentId, string language)
    {
        if (Of(compatriotId).FirstOrDefault(a => a.Fulfilment.Id == fulfilmentId) is not { } attested) return null;
        var attests = ReceiptAttestation.Receipt(attested.Fulfilment, language, Text(language));
        return Sign(compatriotId, attested.Issuer, ReceiptKinds.Receipt, fulfilmentId, null, language, attests);
    }

    /// <summary>
    /// The signed statement of one calendar year by one administration (<paramref name="moduleId"/>; may be left out when
    /// one alone approved that year's contributions); null when there is nothing to state.
    /// </summary>
    public CertificateRecord? Statement(long compatriotId, int year, string? moduleId, string language)
    {
        var ofYear = Of(compatriotId).Where(a => a.Year == year).ToList();
        var issuersOfYear = ofYear.Select(a => a.Issuer).DistinctBy(m => m.Id).ToList();
        var issuer = moduleId is null ? (issuersOfYear.Count == 1 ? issuersOfYear[0] : null) : issuersOfYear.FirstOrDefault(m => m.Id == moduleId);
        if (issuer is null) return null;
        var attests = ReceiptAttestation.Statement(year, [.. ofYear.Where(a => a.Issuer.Id == issuer.Id).Select(a => a.Fulfilment)], language, Text(language));
        return Sign(compatriotId, issuer, ReceiptKinds.Statement, null, year, language, attests);
    }

    /// <summary>The printed paper of a signed receipt or statement, a statement with its contributions one per line.</summary>
    public byte[] Pdf(CertificateRecord paper, long compatriotId)
    {
        var document = documents.For(paper, printedIssuers.For(paper));
        var fields = CertificateContent.Split(paper.Attests ?? "") ?? [];
        var attested = fields.Select((value, i) => (document.Text(ReceiptAttestation.LabelOf(paper.Kind, i)), value)).ToList();
        IReadOnlyList<string> lines = paper.Kind == ReceiptKinds.Statement ? StatementLines(paper, compatriotId) : [];
        return ReceiptPdf.Render(new ReceiptDocument(document, attested, lines));
    }

    private List<string> StatementLines(CertificateRecord statement, long compatriotId)
    {
        var year = CertificateContent.Split(statement.Attests ?? "")?[0];
        var text = Text(statement.Language);
        return Of(compatriotId)
            .Where(a => a.Issuer.Id == statement.ModuleId && a.Year.ToString(CultureInfo.InvariantCulture) == year)
            .Select(a => ReceiptAttestation.Receipt(a.Fulfilment, statement.Language, text))
            .Select(f => $"{f[2]} — {f[0]} — {f[1]} — {f[3]}")
            .ToList();
    }

    private CertificateRecord? Sign(long compatriotId, ModuleManifest issuer, string kind, long? fulfilmentId, int? year, string language, IReadOnlyList<string> attests)
    {
        var holder = certificates.FindCompatriot(compatriotId, null) is { } person ? Issuing.CertificateService.OneLine(person.FullName) : "";
        if (holder.Length == 0) return null;
        // Creating a key writes: done before the register's transaction, as certificates do (SQLite has one writer).
        using var key = signer.ActiveKey(issuer.Id);
        var receipt = new NewReceipt(compatriotId, issuer.Id, SerialPrefix(issuer.Issuer.SerialPrefix), kind, fulfilmentId, year, language, holder,
            CertificateContent.Join(attests), clock.GetUtcNow(), issuers.ForIssue(issuer).ProfileId);
        var signed = receipts.FindOrInsert(receipt, serial =>
            key.Seal(CertificateContent.Canonical(serial, kind, holder, issuer.Id, receipt.IssuedAt, language, receipt.Attests)));
        // Serial and ids only: names and amounts stay in the register.
        logger.LogInformation("{Kind} {Serial} of compatriot {CompatriotId} signed by issuer {ModuleId}", kind, signed.Serial, compatriotId, issuer.Id);
        return signed;
    }

    /// <summary>
    /// Receipts number apart from certificates under the issuer's prefix and an R (IKR-2026-000001), from the same
    /// counter table, so a receipt's serial never is a certificate's.
    /// </summary>
    internal static string SerialPrefix(string issuerPrefix) => (issuerPrefix.Length >= 6 ? issuerPrefix[..5] : issuerPrefix) + "R";

    private Func<string, string> Text(string language) => key => texts.Get(language, key);
}
