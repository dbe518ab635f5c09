using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Modules.Tests;

/// <summary>Every module's message templates rendered for a fixed person, compared with approved files.</summary>
public sealed class TemplateGoldenTests
{
    // Every language has its own public title, and the internal name is one no reader may see.
    private static readonly CampaignEngine.Web.Features.Campaigns.CampaignTitle Title =
        new("IK-2026 internal working name", "Жаңы долбоор", "Новый проект", "A new project");

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var module in RepositoryModules.All)
        foreach (var template in module.Templates.Where(t => t != "certificate"))
        foreach (var language in module.Languages)
            data.Add(module.Id, template, language);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public void Message_renders_as_approved(string moduleId, string template, string language)
    {
        var module = RepositoryModules.Manifest(moduleId);
        var recipient = new RecipientRow(42, language == "en" ? "Nurlan Asanov" : "Нурлан Асанов", language, GoldenFixtures.ReaderCountry(module), null, null, null, null);
        var message = GoldenFixtures.Composer.Compose(module, 7, Title, template, recipient, "0123456789abcdef0123456789abcdef",
            meToken: "99999999999999999999999999999999");
        Approvals.Verify($"{moduleId}/{template}.{language}", GoldenFixtures.Layout(message));
    }

    [Theory]
    [InlineData("talas", "ky")]
    [InlineData("naryn", "ru")]
    [InlineData("issyk-kul", "en")]
    public void An_appeal_for_a_project_names_it_and_one_without_a_description_leaves_no_empty_paragraph(string moduleId, string language)
    {
        var module = RepositoryModules.Manifest(moduleId);
        var project = new CampaignEngine.Core.Modules.AppealCause(
            new CampaignEngine.Core.Reference.LocalizedText("Мектептин чатыры", "Крыша школы", "The school roof"), new("", "", ""));
        var recipient = new RecipientRow(42, "Нурлан Асанов", language, GoldenFixtures.ReaderCountry(module), null, null, null, null);

        var message = GoldenFixtures.Composer.Compose(module, 7, Title, "appeal", recipient, "0123456789abcdef0123456789abcdef", project: project);

        Assert.Contains(project.Title.In(language), message.Text, StringComparison.Ordinal);
        Assert.Contains(project.Title.In(language), message.Short, StringComparison.Ordinal);
        Assert.DoesNotContain(module.Cause!.Title.In(language), message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", message.Text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Cases))]
    public void No_message_part_shows_the_campaign_s_internal_name_to_its_reader(string moduleId, string template, string language)
    {
        var module = RepositoryModules.Manifest(moduleId);
        var recipient = new RecipientRow(42, "Нурлан Асанов", language, GoldenFixtures.ReaderCountry(module), null, null, null, null);

        var message = GoldenFixtures.Composer.Compose(module, 7, Title, template, recipient, "0123456789abcdef0123456789abcdef");

        foreach (var part in new[] { message.Subject, message.Text, message.Short, message.Html ?? "" })
            Assert.DoesNotContain(Title.InternalName, part, StringComparison.Ordinal);
        if (template is "appeal" or "reminder") Assert.Contains(Title.In(language)!, message.Subject, StringComparison.Ordinal);
    }
}
