using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Features.Pledges;

/// <summary>A pledge as submitted (form or JSON), before validation.</summary>
internal sealed class PledgeInput
{
    public string? Kind { get; set; }
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
    public decimal? Hours { get; set; }
    public string? ContributionType { get; set; }
    public string? Description { get; set; }
    public string? Sector { get; set; }
    public string? TargetRegion { get; set; }
    public decimal? Items { get; set; }
    public long? ProjectId { get; set; }
    /// <summary>"monthly" for a standing pledge that gets a reminder each month; empty for a one-off.</summary>
    public string? Recurring { get; set; }
    /// <summary>The donor agrees that a project's public page may thank them by name (first name and initial).</summary>
    public bool PublicNameConsent { get; set; }

    public static readonly IReadOnlyList<string> Kinds = ["money", "time", "in_kind"];

    /// <summary>The first problem with this pledge, naming the field; null when it is valid. The project is the caller's to check.</summary>
    public (string Field, string Message)? Problem(Func<string, bool> knownCurrency)
    {
        var kind = Kind?.Trim().ToLowerInvariant();
        if (kind is null || !Kinds.Contains(kind)) return ("kind", "Choose money, time or in_kind.");
        switch (kind)
        {
            case "money":
                if (Amount is not { } amount || amount <= 0) return ("amount", "Give an amount greater than zero.");
                if (amount > 10_000_000) return ("amount", "The amount is too large; write to the organisers instead.");
                if (string.IsNullOrWhiteSpace(Currency) || !knownCurrency(Currency.Trim().ToUpperInvariant()))
                    return ("currency", "Choose a currency from the list (ISO 4217, e.g. KGS, RUB, USD).");
                break;
            case "time":
                if (Hours is not { } hours || hours <= 0) return ("hours", "Give a number of hours greater than zero.");
                if (hours > 10_000) return ("hours", "That is more hours than a year holds.");
                if (ContributionType is { Length: > 0 } type && !Vocabulary.ContributionTypes.Contains(type))
                    return ("contributionType", $"Unknown contribution type '{type}'.");
                break;
            case "in_kind":
                if (string.IsNullOrWhiteSpace(Description)) return ("description", "Describe what you will give.");
                break;
        }
        if (Description is { Length: > 2000 }) return ("description", "Keep the description under 2,000 characters.");
        if (Sector is { Length: > 0 } sector && !Vocabulary.Sectors.Contains(sector)) return ("sector", $"Unknown sector '{sector}'.");
        if (TargetRegion is { Length: > 0 } region && Regions.Find(region) is null) return ("targetRegion", $"Unknown region '{region}'.");
        if (Items is < 0 or > 1_000_000) return ("items", "Give a number of items between 0 and 1,000,000.");
        if (Recurring is { Length: > 0 } recurring && recurring != "monthly") return ("recurring", "Only \"monthly\" is supported.");
        if (Recurring == "monthly" && kind == "in_kind") return ("recurring", "Goods cannot be pledged monthly; pledge money or time.");
        return null;
    }
}
