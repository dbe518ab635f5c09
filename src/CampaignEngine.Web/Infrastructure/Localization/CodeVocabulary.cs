namespace CampaignEngine.Web.Infrastructure.Localization;

/// <summary>
/// A closed set of stored codes that people read ("pending", "sign-in", "appeal"), and the prefix of the interface
/// texts that say each code in ky/ru/en (<c>KeyPrefix + code</c>). The lists themselves are feature knowledge and live
/// with the features (<c>Features/Shared/Vocabularies.cs</c>); localization only knows how to say one.
/// </summary>
internal sealed record CodeVocabulary(string KeyPrefix, IReadOnlyList<string> Codes)
{
    public string KeyOf(string code) => KeyPrefix + code;
}
