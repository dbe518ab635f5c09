using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Modules.Tests;

/// <summary>What the golden-file tests share: the repository's modules and shared templates, a fixed public address, the cases and the text layout.</summary>
internal static class GoldenFixtures
{
    public static readonly IConfiguration Configuration =
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PublicBaseUrl"] = "https://example.kg" }).Build();

    public static readonly TemplateStore Templates = new(Options.Create(new TemplateOptions { Path = RepositoryPaths.Templates }), RepositoryModules.Registry);

    public static readonly MessageComposer Composer = new(Templates, new TemplateRenderer(), new MessageModelBuilder(Configuration, new Web.Infrastructure.Localization.UiText()));

    /// <summary>Every module in every one of its languages.</summary>
    public static TheoryData<string, string> ModulesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var module in RepositoryModules.All)
        foreach (var language in module.Languages)
            data.Add(module.Id, language);
        return data;
    }

    /// <summary>
    /// Where the fixed reader of a module's golden files lives: its first host country, or Russia (where most natives of
    /// every region live) for a module that addresses its natives wherever they live.
    /// </summary>
    public static string ReaderCountry(Core.Modules.ModuleManifest module) => module.Countries.Count > 0 ? module.Countries[0] : "RU";

    /// <summary>A rendered message as an approved file shows it: subject, long text, short text with its SMS cost.</summary>
    public static string Layout(RenderedMessage message)
    {
        var sms = SmsSegments.Of(message.Short);
        return $"""
            SUBJECT: {message.Subject}
            ---- TEXT ----
            {message.Text}
            ---- SHORT ({sms.Encoding}, {sms.Segments} SMS) ----
            {message.Short}

            """;
    }
}
