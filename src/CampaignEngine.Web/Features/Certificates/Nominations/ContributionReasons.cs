using System.Globalization;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Certificates.Nominations;

/// <summary>
/// A contribution as a certificate's reason describes it: its kind, how much (money in its own currency, or hours),
/// what it went to (<see cref="Target"/>: a project's or an appeal's public title; null: the home region) and the year.
/// </summary>
internal sealed record Contribution(string Kind, decimal? Amount, string? Currency, decimal? Hours, LocalizedText? Target, int Year);

/// <summary>
/// Writes the reason printed on a certificate the product proposes by itself, as a sentence for its holder in each
/// language ("For supporting “School renovation” with 1,500 USD in 2026"). An official paper once printed
/// "pledge #1": a generated reason names what was given and to what, never an internal id.
/// </summary>
internal sealed class ContributionReasons(UiText texts)
{
    public LocalizedText For(Contribution contribution) =>
        new(Sentence(contribution, "ky"), Sentence(contribution, "ru"), Sentence(contribution, "en"));

    private string Sentence(Contribution c, string language)
    {
        var (kind, quantity) = c switch
        {
            { Kind: "money", Amount: > 0, Currency: { } currency } => ("money", $"{Number(c.Amount.Value, language)} {currency}"),
            { Kind: "time", Hours: > 0 } => ("time", Number(c.Hours.Value, language)),
            _ => ("in_kind", ""),
        };
        var template = texts.Get(language, $"cert.reason.{kind}.{(c.Target is null ? "home" : "target")}");
        return string.Format(CultureInfo.InvariantCulture, template, c.Target?.In(language), quantity, c.Year);
    }

    /// <summary>1,500 in English, 1 500 in Kyrgyz and Russian; decimals only when there are some.</summary>
    private static string Number(decimal value, string language) =>
        value.ToString("#,0.##", CultureInfo.InvariantCulture).Replace(",", language == "en" ? "," : " ", StringComparison.Ordinal);
}
