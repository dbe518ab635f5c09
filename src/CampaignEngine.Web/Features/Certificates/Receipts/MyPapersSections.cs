using CampaignEngine.Web.Features.Certificates.Documents;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.Features.MyPage;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Certificates.Receipts;

/// <summary>One receipt on the person's page: the fulfilment it is for and what it says, in the page's language.</summary>
internal sealed record MyReceipt(long FulfilmentId, string Received, string Given, string Towards);

/// <summary>One year of receipts, with a statement per administration that approved contributions that year.</summary>
internal sealed record MyReceiptYear(int Year, IReadOnlyList<MyReceipt> Receipts, IReadOnlyList<(string ModuleId, string IssuerName)> Issuers);

internal sealed record MyReceiptsModel(string Token, string Language, IReadOnlyList<MyReceiptYear> Years);

/// <summary>One certificate on the person's page: its serial, kind, issuer, day and status (revoked and replaced ones marked).</summary>
internal sealed record MyCertificate(string Serial, string Kind, string IssuerName, string IssuedDate, string Status);

internal sealed record MyCertificatesModel(string Token, string Language, IReadOnlyList<MyCertificate> Certificates);

/// <summary>
/// The person's page's "Receipts" and "Certificates" sections (<see cref="IMyPageSections"/>): receipts per year, newest
/// year first, with the year's statement, and every certificate they hold. A section with nothing in it is left out.
/// </summary>
internal sealed class MyPapersSections(
    PersonalReceipts receipts, CertificateStore certificates, CertificateIssuers issuers, IssuerProfileStore profiles, UiText texts) : IMyPageSections
{
    public const string ReceiptsPartial = "~/Features/Certificates/Views/_MyReceipts.cshtml";
    public const string CertificatesPartial = "~/Features/Certificates/Views/_MyCertificates.cshtml";

    // After the person's contributions, before their questions and data.
    public int Order => 30;

    public IEnumerable<MyPageSection> For(MyPageVisit visit)
    {
        var years = Years(visit.CompatriotId, visit.Language);
        if (years.Count > 0)
            yield return new MyPageSection("receipts", "cert.me.receipts.title", ReceiptsPartial, new MyReceiptsModel(visit.Token, visit.Language, years));
        var held = certificates.OfHolder(visit.CompatriotId).Where(c => !c.HolderErased)
            .Select(c => new MyCertificate(c.Serial, c.Kind, issuers.For(c).Name.In(visit.Language),
                CertificateDocuments.FormatDate(c.IssuedAt, visit.Language), c.Status))
            .ToList();
        if (held.Count > 0)
            yield return new MyPageSection("certificates", "cert.me.certificates.title", CertificatesPartial, new MyCertificatesModel(visit.Token, visit.Language, held));
    }

    private List<MyReceiptYear> Years(long compatriotId, string language) =>
        receipts.Of(compatriotId)
            .GroupBy(a => a.Year)
            .OrderByDescending(g => g.Key)
            .Select(g => new MyReceiptYear(g.Key,
                [.. g.Reverse().Select(a => Entry(a, language))],
                [.. g.Select(a => a.Issuer).DistinctBy(m => m.Id).Select(m => (m.Id, profiles.Current(m).Issuer.Name.In(language)))]))
            .ToList();

    /// <summary>The receipt's line as the paper itself words it (<see cref="ReceiptAttestation.Receipt"/>).</summary>
    private MyReceipt Entry(AttestedFulfilment attested, string language)
    {
        var fields = ReceiptAttestation.Receipt(attested.Fulfilment, language, key => texts.Get(language, key));
        return new MyReceipt(attested.Fulfilment.Id, fields[2], fields[0], fields[1]);
    }
}
