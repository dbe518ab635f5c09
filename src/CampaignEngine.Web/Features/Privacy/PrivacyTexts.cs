namespace CampaignEngine.Web.Features.Privacy;

/// <summary>Keys of the interface texts about erased and withheld personal data (in Texts.*.json beside this file).</summary>
internal static class PrivacyTexts
{
    /// <summary>Shown where an erased person's name was: certificates, the verify page, the honour roll, staff pages.</summary>
    public const string HolderErased = "privacy.holderErased";

    /// <summary>Shown on the verify page instead of the name when the request carries no proof from the paper's QR code.</summary>
    public const string HolderWithheld = "privacy.holderWithheld";
}
