using CampaignEngine.Core.Reference;
using CampaignEngine.TestSupport;
using CampaignEngine.Web.Infrastructure.Templates;

namespace CampaignEngine.Web.Tests.Unit;

/// <summary>
/// A substitution plan must print exactly what Scriban prints: every shipped template, with awkward values, in plain
/// and HTML output, is rendered both ways and compared.
/// </summary>
public sealed class SubstitutionPlanTests
{
    private static readonly TemplateRenderer Renderer = new();

    public static TheoryData<string> ShippedTemplates()
    {
        // The host's shared templates and every module folder's own.
        var data = new TheoryData<string>();
        foreach (var root in new[] { "templates", "modules" })
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, root), "*.sbn", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedTemplates))]
    public void Plan_prints_what_Scriban_prints_for_every_shipped_template(string relative)
    {
        var template = Parse(relative);
        var plan = SubstitutionPlan.Of(template);
        var planned = 0;
        foreach (var model in Models())
        foreach (var html in new[] { false, true })
        {
            var scriban = Outcome(() => TemplateRenderer.RenderWith(template, Renderer.Globals(model, html)));
            if (plan is not null && plan.TryRender(model, html, out var text))
            {
                Assert.Equal(scriban, text);
                planned++;
            }
            Assert.Equal(scriban, Outcome(() => Renderer.Render(template, model, html)));
        }
        // A plan that never applies would pass the comparison above without testing anything.
        if (plan is not null) Assert.True(planned > 0);
    }

    /// <summary>The text, or the error a template author would see: both ways must fail alike too.</summary>
    private static string Outcome(Func<string> render)
    {
        try
        {
            return render();
        }
        catch (TemplateException ex)
        {
            return $"error: {ex.Message}";
        }
    }

    [Theory]
    [MemberData(nameof(ShippedTemplates))]
    public void Shipped_message_parts_are_plain_substitutions(string relative)
    {
        // The fast path is what lets a national send keep its pace; a shipped message part that loses it should be a decision.
        if (relative.EndsWith(".html.sbn", StringComparison.Ordinal) || relative.EndsWith(".page.sbn", StringComparison.Ordinal)) return;
        Assert.NotNull(SubstitutionPlan.Of(Parse(relative)));
    }

    [Theory]
    [InlineData("{{ if recipient.city }}in {{ recipient.city }}{{ end }}")]
    [InlineData("{{ recipient.name | string.upcase }}")]
    [InlineData("{{ plural 3 \"год\" \"года\" \"лет\" }}")]
    [InlineData("{{ recipient.nickname }}")]
    [InlineData("{{ recipient }}")]
    [InlineData("{{ x = 1 }}{{ x }}")]
    [InlineData("{{ date.now }}")]
    [InlineData("{{ for i in 1..3 }}{{ i }}{{ end }}")]
    [InlineData("\uE000a\uE001 {{ recipient.name }}")]
    public void Anything_but_plain_substitution_is_left_to_Scriban(string text)
    {
        var template = TemplateParsing.ParseOrThrow(text, "t.sbn");
        Assert.Null(SubstitutionPlan.Of(template));
    }

    [Theory]
    [InlineData("Hello {{~ recipient.first_name ~}} !\n  {{- links.pledge -}}  \n end")]
    [InlineData("{{ module.issuer }} / {{ module.issuer }} / {{ recipient.name }}{{ module.issuer }}")]
    [InlineData("{{campaign.id}}-{{ campaign.name }}")]
    [InlineData("")]
    [InlineData("no values at all")]
    [InlineData("{{ recipient.city }}|{{ certificate.expires_on }}|{{ certificate.kind_title }}")]
    public void Whitespace_control_repeats_and_numbers_match_Scriban(string text)
    {
        var template = TemplateParsing.ParseOrThrow(text, "t.sbn");
        foreach (var model in Models())
        foreach (var html in new[] { false, true })
            Assert.Equal(Outcome(() => TemplateRenderer.RenderWith(template, Renderer.Globals(model, html))), Outcome(() => Renderer.Render(template, model, html)));
    }

    [Fact]
    public void A_model_without_the_value_goes_to_Scriban()
    {
        var template = TemplateParsing.ParseOrThrow("Serial {{ certificate.serial }}", "t.sbn");
        var plan = SubstitutionPlan.Of(template);
        Assert.NotNull(plan);
        Assert.False(plan.TryRender(Model("Айгүл"), html: false, out _));
        Assert.True(plan.TryRender(Model("Айгүл") with { Certificate = Certificate() }, html: false, out var text));
        Assert.Equal("Serial KG-2026-000042", text);
    }

    [Fact]
    public void Values_Scriban_would_shorten_go_to_Scriban()
    {
        var template = TemplateParsing.ParseOrThrow("{{ recipient.name }}", "t.sbn");
        var longName = new string('ы', TemplateRenderer.MaxValueChars + 5);
        Assert.False(SubstitutionPlan.Of(template)!.TryRender(Model(longName), html: false, out _));
        Assert.Equal(TemplateRenderer.RenderWith(template, Renderer.Globals(Model(longName), false)), Renderer.Render(template, Model(longName), false));
    }

    private static IEnumerable<MessageModel> Models()
    {
        foreach (var language in new[] { "ky", "ru", "en" })
        {
            yield return Model("Айгүл Асанова", language);
            yield return Model("<b>O'Brien & \"Sons\"</b>", language) with { Certificate = Certificate() };
            yield return Model("Нурлан Асанов", language) with { Answer = new AnswerModel("Саламатсызбы! <Документтер> & \"маалымкат\"", "https://x/r/a/questions?x=<1>") };
            yield return Model("", language) with { Recipient = new RecipientModel("", "", language, "DE", "Германия", "Köln <&>") };
        }
    }

    private static MessageModel Model(string name, string language = "ky") => new(
        new RecipientModel(name, name.Split(' ')[0], language, "AE", "БАЭ", null), new CampaignModel(42, "Жаз <2026> & «кыш»"),
        new ModuleModel("issyk-kul", "Ысык-Көл", "Облус & <администрация>", "Ысык-Көл"), new LinksModel("https://x/r/a&b", "https://x/u/1?q=<x>", "https://x/me/<m>&1"));

    private static CertificateModel Certificate() => new("KG-2026-000042", "honorary",
        new LocalizedText("Ардак грамота", "Почётная грамота", "Certificate of <Honour>"), new LocalizedText("Облус", "Область & Co", "Oblast"),
        "https://x/c/abc?d=1&e=2", "https://x/verify/KG-2026-000042", new DateOnly(2027, 3, 1));

    private static Scriban.Template Parse(string relative) =>
        TemplateParsing.ParseOrThrow(File.ReadAllText(Path.Combine(RepositoryPaths.Root, relative)), relative);
}
