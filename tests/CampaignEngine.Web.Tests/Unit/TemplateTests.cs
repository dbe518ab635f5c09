using CampaignEngine.Web.Infrastructure.Templates;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Tests.Unit;

public sealed class TemplateTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ce-templates").FullName;
    private readonly TemplateStore _store;

    public TemplateTests()
    {
        _store = new TemplateStore(Options.Create(new TemplateOptions { Path = _root }), new FolderPerModule(_root));
        Write("m/appeal.ru.text.sbn", "ru text");
        Write("m/appeal.en.text.sbn", "en text");
        Write("_shared/footer.ky.text.sbn", "shared ky");
        Write("_shared/footer.ru.text.sbn", "shared ru");
    }

    [Theory]
    [InlineData("ru", "ru")]
    [InlineData("en", "en")]
    [InlineData("ky", "ru")]   // no Kyrgyz file: the module's next language
    public void Lookup_falls_back_through_the_module_languages(string wanted, string found) =>
        Assert.Equal(found, _store.Find("m", ["ky", "ru", "en"], "appeal", wanted, "text")!.Language);

    [Fact]
    public void Lookup_falls_back_to_shared_templates() =>
        Assert.Equal("shared ky", _store.Find("m", ["ky", "ru", "en"], "footer", "ky", "text")!.Text);

    [Fact]
    public void Missing_template_is_null() => Assert.Null(_store.Find("m", ["ky"], "nothing", "ky", "text"));

    [Theory]
    [InlineData("short")]
    [InlineData("page")]
    public void A_missing_part_falls_back_to_the_text_in_the_readers_language(string part) =>
        Assert.Equal("ru text", _store.Find("m", ["ky", "ru", "en"], "appeal", "ru", part)!.Text);

    [Fact]
    public void A_part_in_another_language_comes_before_its_stand_in()
    {
        Write("m/appeal.en.short.sbn", "en short");
        Assert.Equal("en short", _store.Find("m", ["ky", "ru", "en"], "appeal", "ru", "short")!.Text);
    }

    [Fact]
    public void Html_has_no_stand_in() => Assert.Null(_store.Find("m", ["ky", "ru", "en"], "appeal", "ru", "html"));

    [Fact]
    public void Parse_error_names_file_line_and_column()
    {
        Write("m/broken.ky.text.sbn", "Саламатсызбы!\n{{ for x in }}\n");
        var error = Assert.Throws<TemplateException>(() => _store.Parse(_store.Find("m", ["ky"], "broken", "ky", "text")!));
        Assert.Contains("broken.ky.text.sbn", error.Message);
        Assert.Contains("line 2", error.Message);
        Assert.Equal((Path.Combine("m", "broken.ky.text.sbn"), 2), (error.Error.Source, error.Error.Line));
    }

    [Fact]
    public void A_render_error_carries_its_line_and_column()
    {
        var template = TemplateParsing.ParseOrThrow("Hello\n{{ for i in 1..5000 }}{{ end }}", "t.sbn");
        var error = Assert.Throws<TemplateException>(() => new TemplateRenderer().Render(template, Model("A"), html: false));
        Assert.Equal(("t.sbn", 2), (error.Error.Source, error.Error.Line));
        Assert.Equal($"t.sbn: line 2, column {error.Error.Column}: {error.Error.Message}", error.Message);
    }

    [Fact]
    public void Html_output_escapes_the_model()
    {
        var template = TemplateParsing.ParseOrThrow("<p>{{ recipient.name }}</p>", "t");
        var html = new TemplateRenderer().Render(template, Model("<script>alert(1)</script>"), html: true);
        Assert.Equal("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", html);
    }

    [Fact]
    public void Endless_loop_is_stopped_with_a_clear_error()
    {
        var template = TemplateParsing.ParseOrThrow("{{ while true }}x{{ end }}", "loop.sbn");
        var error = Assert.Throws<TemplateException>(() => new TemplateRenderer().Render(template, Model("A"), html: false));
        Assert.Contains("loop.sbn", error.Message);
    }

    [Fact]
    public void Renders_on_one_thread_share_nothing_with_each_other()
    {
        // The renderer reuses one context per thread: nothing a template sets or prints may reach the next render.
        var renderer = new TemplateRenderer();
        var setter = TemplateParsing.ParseOrThrow("{{ secret = recipient.name }}{{ func leak; ret 'leaked'; end }}{{ recipient.name }}", "set.sbn");
        var reader = TemplateParsing.ParseOrThrow("[{{ secret }}{{ leak }}]{{ recipient.name }}", "read.sbn");
        Assert.Equal("Айгүл", renderer.Render(setter, Model("Айгүл"), html: false));
        Assert.Equal("[]Бакыт", renderer.Render(reader, Model("Бакыт"), html: false));
        var loop = TemplateParsing.ParseOrThrow("{{ while true }}x{{ end }}", "loop.sbn");
        Assert.Throws<TemplateException>(() => renderer.Render(loop, Model("A"), html: false));
        Assert.Equal("[]Чолпон", renderer.Render(reader, Model("Чолпон"), html: false));
    }

    [Fact]
    public void Dotnet_members_of_the_model_are_not_reachable()
    {
        var template = TemplateParsing.ParseOrThrow("{{ recipient.GetType }}", "t");
        var error = Assert.Throws<TemplateException>(() => new TemplateRenderer().Render(template, Model("Айгүл"), html: false));
        Assert.Contains("GetType", error.Message);
    }

    [Theory]
    [InlineData(1, "рубль")]
    [InlineData(3, "рубля")]
    [InlineData(5, "рублей")]
    [InlineData(11, "рублей")]
    [InlineData(21, "рубль")]
    [InlineData(22, "рубля")]
    public void Russian_plurals(long n, string expected) =>
        Assert.Equal(expected, TemplateHelpers.Plural("ru", n, "рубль", "рубля", "рублей"));

    private static MessageModel Model(string name) => new(
        new RecipientModel(name, name, "ky", "AE", "БАЭ", null), new CampaignModel(1, "c"),
        new ModuleModel("m", "M", "Issuer", "Region"), new LinksModel("https://x/r/1", "https://x/u/1", "https://x/me/1"));

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Each module's templates in a folder named by its id, as a module folder's templates/ would be.</summary>
    private sealed class FolderPerModule(string root) : IModuleTemplateFolders
    {
        public string? TemplatesOf(string moduleId) => Path.Combine(root, moduleId);
    }
}
