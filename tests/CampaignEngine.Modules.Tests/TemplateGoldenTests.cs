using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Modules.Tests;

/// <summary>Every module's message templates rendered for a fixed person, compared with approved files.</summary>
public sealed class TemplateGoldenTests
{
    private static readonly MessageComposer Composer = new(
        new TemplateStore(Options.Create(new TemplateOptions { Path = RepositoryPaths.Templates })),
        new TemplateRenderer(),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PublicBaseUrl"] = "https://example.kg" }).Build());

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var module in ModuleCatalog.All)
        foreach (var template in module.Manifest.Templates.Where(t => t != "certificate"))
        foreach (var language in module.Manifest.Languages)
            data.Add(module.Manifest.Id, template, language);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public void Message_renders_as_approved(string moduleId, string template, string language)
    {
        var module = ModuleCatalog.All.Single(m => m.Manifest.Id == moduleId).Manifest;
        var recipient = new RecipientRow(42, language == "en" ? "Nurlan Asanov" : "Нурлан Асанов", language, module.Countries[0], null, null, null, null);
        var message = Composer.Compose(module, 7, "Жаңы долбоор / Новый проект", template, recipient, "0123456789abcdef0123456789abcdef");
        var sms = SmsSegments.Of(message.Short);
        Approvals.Verify($"{moduleId}/{template}.{language}",
            $"""
            SUBJECT: {message.Subject}
            ---- TEXT ----
            {message.Text}
            ---- SHORT ({sms.Encoding}, {sms.Segments} SMS) ----
            {message.Short}

            """);
    }
}
