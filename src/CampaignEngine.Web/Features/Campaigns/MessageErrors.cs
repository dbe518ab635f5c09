using System.Text.RegularExpressions;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>
/// A message's error as staff read it. The host's own reasons are codes ("opted-out") or fixed sentences and are said in
/// the reader's language; a provider's answer is the provider's own words and is quoted as it came.
/// </summary>
internal static partial class MessageErrors
{
    public static string Say(UiText texts, string language, string? error)
    {
        if (string.IsNullOrEmpty(error)) return "";
        if (texts.Has(Vocabularies.MessageErrors.KeyOf(error))) return texts.Say(language, Vocabularies.MessageErrors, error);
        // Written by UndeliveredFallback.
        if (NoReport().Match(error) is { Success: true } late)
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, texts.Get(language, "message.error.no-report"), late.Groups[1].Value);
        // Written by the webhooks: "provider: " and the provider's words.
        if (error.StartsWith("provider: ", StringComparison.Ordinal))
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, texts.Get(language, "message.error.provider"), error["provider: ".Length..]);
        return error;
    }

    [GeneratedRegex(@"^no delivery report within ([0-9.]+) h$")]
    private static partial Regex NoReport();
}
