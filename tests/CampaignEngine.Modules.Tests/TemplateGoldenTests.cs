using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Modules;

namespace CampaignEngine.Modules.Tests;

/// <summary>Every module's message templates rendered for a fixed person, compared with approved files.</summary>
public sealed class TemplateGoldenTests
{
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
        var message = GoldenFixtures.Composer.Compose(module, 7, "Жаңы долбоор / Новый проект", template, recipient, "0123456789abcdef0123456789abcdef");
        Approvals.Verify($"{moduleId}/{template}.{language}", GoldenFixtures.Layout(message));
    }
}
