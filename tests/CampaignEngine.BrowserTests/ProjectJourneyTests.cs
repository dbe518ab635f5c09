using System.Buffers.Binary;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CampaignEngine.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampaignEngine.BrowserTests;

/// <summary>
/// Cholpon at the Naryn administration posts a project, corrects the shares the form refuses, reports progress
/// with a photo from her laptop, and the public page shows it to a compatriot on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProjectJourneyTests(BrowserHost fixture)
{
    [SkippableFact]
    public async Task Oblast_user_posts_a_project_and_an_update_with_a_photo_that_the_public_page_shows()
    {
        ChromiumRequirement.SkipOrFailWhenMissing();
        var (laptop, page) = await OblastSession.SignInAsync(fixture, "cholpon", "KG-N");
        await using var _ = laptop;

        await page.GotoAsync($"{fixture.BaseUrl}/projects/new?lang=ru");
        await page.FillAsync("#TitleKy", "Ат-Башы мектебинин чатыры");
        await page.FillAsync("#TitleRu", "Крыша школы в Ат-Башы");
        await page.FillAsync("#TitleEn", "At-Bashy school roof");
        await page.FillAsync("#DescriptionRu", "Замена шифера на крыше школы №2.");
        await page.FillAsync("#Village", "Ат-Башы");
        await page.SelectOptionAsync("#Sector", "education_and_science");
        await page.FillAsync("#Budget", "1000000");
        await page.SelectOptionAsync("#Currency", "KGS");
        await page.FillAsync("#ShareState", "50");
        await page.FillAsync("#ShareLocal", "10");
        await page.FillAsync("#ShareDiaspora", "75");
        await page.ClickAndWaitForNextPageAsync("#save-project");
        await Expect(page.Locator("#error-Shares")).ToHaveTextAsync(ProductTexts.Get("ru", "proj.error.shares"));
        await Expect(page.Locator("#TitleRu")).ToHaveValueAsync("Крыша школы в Ат-Башы");

        await page.FillAsync("#ShareState", "25");
        await page.FillAsync("#ShareLocal", "0");
        await page.ClickAndWaitForNextPageAsync("#save-project");
        Assert.Matches(@"/projects/\d+/edit\?saved=true$", page.Url);
        var projectId = page.Url.Split('/')[^2];

        await page.FillAsync("#text", "Шифер закуплен, работы начнутся в понедельник.");
        await page.SetInputFilesAsync("#files", new FilePayload { Name = "roof.png", MimeType = "image/png", Buffer = Checkerboard() });
        await page.ClickAndWaitForNextPageAsync("#post-update");
        Assert.Contains("posted=true", page.Url);
        await Expect(page.Locator("text=roof.png")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "project-edit");
        await page.GotoAsync($"{fixture.BaseUrl}/projects");
        await Expect(page.Locator("svg.progress")).Not.ToHaveCountAsync(0);
        await Screenshots.TakeAsync(page, "project-staff-list");
        await page.GotoAsync($"{fixture.BaseUrl}/reports?by=ageBand");
        await Expect(page.Locator("svg.chart").First).ToBeVisibleAsync();
        await Expect(page.Locator("#report-table thead")).ToContainTextAsync(ProductTexts.Get("ru", "gender.unknown"));
        await Screenshots.TakeAsync(page, "report-pledges");

        await using var phone = await fixture.NewPhoneContextAsync();
        var visitor = await phone.NewPageAsync();
        await visitor.GotoAsync($"{fixture.BaseUrl}/projects/{projectId}?lang=ky");
        await Expect(visitor.Locator("h1")).ToHaveTextAsync("Ат-Башы мектебинин чатыры");
        await Expect(visitor.Locator("text=Шифер закуплен")).ToBeVisibleAsync();
        await Expect(visitor.Locator("text=Замена шифера")).ToBeVisibleAsync(); // no Kyrgyz description: the Russian one, not a blank
        var photo = visitor.Locator(".update img");
        await Expect(photo).ToBeVisibleAsync();
        // The photo really loaded (not a broken image): the browser decoded its 24 pixels of width.
        Assert.Equal(24, await photo.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : -1"));
        await Screenshots.TakeAsync(visitor, "project-public-page");
    }

    /// <summary>A 24×24 greyscale checkerboard PNG, written here so the test needs no image files.</summary>
    private static byte[] Checkerboard()
    {
        const int size = 24;
        using var pixels = new MemoryStream();
        using (var z = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
            for (var y = 0; y < size; y++)
            {
                z.WriteByte(0);
                for (var x = 0; x < size; x++) z.WriteByte((byte)((x / 4 + y / 4) % 2 == 0 ? 0 : 255));
            }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bit depth; colour type 0 (grey), compression, filter, interlace all 0
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", pixels.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
