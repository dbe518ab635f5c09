using System.Globalization;
using CampaignEngine.Web.Features.Certificates.Documents;

namespace CampaignEngine.Web.Features.Certificates.Receipts;

/// <summary>
/// What a receipt and a statement attest, as the '|'-joined line that is signed (<see cref="CertificateRecord.Attests"/>):
/// each field exactly as it is printed, in the paper's language, so that the offline check can find every signed value on
/// the page. A receipt: what was given, what for, the day it was received, the evidence. A statement: the year, how many
/// contributions, and the totals (one per currency, then hours, then in-kind contributions).
/// </summary>
internal static class ReceiptAttestation
{
    /// <summary>Evidence is printed and signed up to this length: a bank reference or a receipt number, not a letter.</summary>
    public const int MaxEvidence = 120;

    /// <summary>The text keys of a receipt's fields, in order.</summary>
    public static readonly IReadOnlyList<string> ReceiptLabels = ["cert.receipt.given", "cert.receipt.towards", "cert.receipt.received", "cert.receipt.evidence"];

    /// <summary>The label of each attested field of a paper of <paramref name="kind"/>: a statement's third field on are its totals.</summary>
    public static string LabelOf(string kind, int field) => kind == ReceiptKinds.Receipt
        ? (field < ReceiptLabels.Count ? ReceiptLabels[field] : "cert.receipt.given")
        : field switch { 0 => "cert.statement.year", 1 => "cert.statement.count", _ => "cert.statement.total" };

    public static IReadOnlyList<string> Receipt(ApprovedFulfilment fulfilment, string language, Func<string, string> text) =>
    [
        Given(fulfilment, language, text),
        fulfilment.Target?.In(language) ?? text("cert.receipt.homeRegion"),
        CertificateDocuments.FormatDate(CertificateContent.IssuerDay(fulfilment.ReceivedAt), language),
        Evidence(fulfilment.Evidence),
    ];

    public static IReadOnlyList<string> Statement(int year, IReadOnlyList<ApprovedFulfilment> fulfilments, string language, Func<string, string> text) =>
        [year.ToString(CultureInfo.InvariantCulture), fulfilments.Count.ToString(CultureInfo.InvariantCulture), .. Totals(fulfilments, language, text)];

    /// <summary>Money per currency (alphabetical), then hours, then the number of in-kind contributions: nothing is converted.</summary>
    public static IEnumerable<string> Totals(IReadOnlyList<ApprovedFulfilment> fulfilments, string language, Func<string, string> text)
    {
        foreach (var money in fulfilments.Where(f => f is { Amount: not null, Currency: not null }).GroupBy(f => f.Currency!).OrderBy(g => g.Key, StringComparer.Ordinal))
            yield return Money(money.Sum(f => f.Amount!.Value), money.Key, language);
        var hours = fulfilments.Sum(f => f.Hours ?? 0);
        if (hours > 0) yield return Hours(hours, language, text);
        var inKind = fulfilments.Count(f => f.Kind == "in_kind");
        if (inKind > 0) yield return string.Format(CultureInfo.InvariantCulture, text("cert.statement.inKind"), inKind);
    }

    /// <summary>"1 500 KGS", "12 h", or the goods as pledged.</summary>
    public static string Given(ApprovedFulfilment f, string language, Func<string, string> text) => f switch
    {
        { Amount: > 0, Currency: { } currency } => Money(f.Amount.Value, currency, language),
        { Hours: > 0 } => Hours(f.Hours.Value, language, text),
        _ => Issuing.CertificateService.OneLine(f.Description) is { Length: > 0 } goods
            ? (f.Items is > 0 ? $"{goods} × {Number(f.Items.Value, language)}" : goods)
            : text("cert.receipt.inKind"),
    };

    private static string Money(decimal amount, string currency, string language) => $"{Number(amount, language)} {currency}";

    private static string Hours(decimal hours, string language, Func<string, string> text) =>
        string.Format(CultureInfo.InvariantCulture, text("cert.receipt.hours"), Number(hours, language));

    /// <summary>1,500.5 in English, 1 500,5 in Kyrgyz and Russian; decimals only when there are some.</summary>
    public static string Number(decimal value, string language)
    {
        var text = value.ToString("#,0.##", CultureInfo.InvariantCulture);
        return language == "en" ? text : text.Replace(",", " ", StringComparison.Ordinal).Replace('.', ',');
    }

    private static string Evidence(string evidence)
    {
        var line = Issuing.CertificateService.OneLine(evidence);
        return line.Length <= MaxEvidence ? line : line[..(MaxEvidence - 1)] + "…";
    }
}
