using System.Globalization;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Pledges.Mine;

/// <summary>
/// How the person's page says a pledge, a payment and a day in the reader's language: sums as the reader writes them
/// (<see cref="AmountParser.Format"/>: "1 250,50" in ky/ru, "1,250.50" in en), days as Kyrgyzstan counts them, with the
/// year (a page of contributions spans years).
/// </summary>
internal sealed class ContributionWords(UiText texts, string language)
{
    private static readonly TimeSpan Kyrgyzstan = TimeSpan.FromHours(6);

    public string T(string key) => texts.Get(language, key);

    public string Day(DateTimeOffset at)
    {
        var local = at.ToOffset(Kyrgyzstan);
        return T("mine.date").Replace("{day}", local.Day.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{month}", T("pub.month." + local.Month.ToString(CultureInfo.InvariantCulture)), StringComparison.Ordinal)
            .Replace("{year}", local.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    public string Money(decimal amount, string? currency) => AmountParser.Format(amount, language) + " " + currency;

    public string Hours(decimal hours) =>
        T("pub.pledged.hours").Replace("{hours}", AmountParser.Format(hours, language, trim: true), StringComparison.Ordinal);

    /// <summary>What was pledged: "100 EUR", "6 hours (training)", the goods as described.</summary>
    public string What(PledgeRow p) => p.Kind switch
    {
        "money" => Money(p.Amount ?? 0, p.Currency),
        "time" => Hours(p.Hours ?? 0) + (p.ContributionType is { } type ? $" ({T("contribution." + type)})" : ""),
        _ => (p.Description ?? T("pub.kind.in_kind")) + (p.Items is { } items ? " × " + AmountParser.Format(items, language, trim: true) : ""),
    };

    /// <summary>The USD value beside a sum in another currency, as the staff pages show it; empty for USD or no rate.</summary>
    public string Usd(PledgeRow p) => p.Kind == "money" && p.Currency != "USD" && p.AmountUsd is { } usd
        ? " " + T("mine.usd").Replace("{usd}", AmountParser.Format(usd, language), StringComparison.Ordinal)
        : "";

    /// <summary>How much of the pledge arrived, counting approved payments only.</summary>
    public string Arrived(MyPledge mine)
    {
        var p = mine.Pledge;
        if (mine.Approved.Count == 0) return T("mine.arrived.none");
        if (p.Kind == "in_kind") return T("mine.arrived.goods");
        var arrived = p.Kind == "time" ? Hours(p.FulfilledHours)
            : mine.ArrivedInCurrency is { } sum ? Money(sum, p.Currency) : Money(p.FulfilledUsd, "USD");
        // A monthly pledge promises its sum every month: the total so far is said alone, not as a share of one month.
        var text = p.Recurring == "monthly" ? arrived
            : T("mine.arrived.of").Replace("{arrived}", arrived, StringComparison.Ordinal).Replace("{pledged}", What(p), StringComparison.Ordinal);
        return T("mine.arrived").Replace("{amount}", text, StringComparison.Ordinal);
    }

    /// <summary>One approved payment: "12 March 2026 · 60 EUR".</summary>
    public string Payment(MyFulfilment f) =>
        Day(f.At) + " · " + (f.Amount is { } amount ? Money(amount, f.Currency) : f.Hours is { } hours ? Hours(hours) : T("mine.arrived.goods"));

    public string Kb(long bytes) => T("mine.kb").Replace("{kb}", ((bytes + 1023) / 1024).ToString("#,0", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public string With(string key, string name, string value) => T(key).Replace("{" + name + "}", value, StringComparison.Ordinal);
}
