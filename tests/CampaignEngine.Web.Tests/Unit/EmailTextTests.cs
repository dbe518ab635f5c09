using CampaignEngine.Web.Features.Responses.Desk.Email;

namespace CampaignEngine.Web.Tests.Unit;

/// <summary>The person's own words are kept; what mail programs append under them is not.</summary>
public sealed class EmailTextTests
{
    [Theory]
    [InlineData("Рахмат!\n\nOn Tue, 1 Dec 2026 at 10:00, Issyk-Kul appeals <appeals@example.kg> wrote:\n> Урматтуу Айгүл")]
    [InlineData("Рахмат!\nOn Tue, 1 Dec 2026 at 10:00, Issyk-Kul appeals <\nappeals@example.kg> wrote:\n> Урматтуу Айгүл")]
    [InlineData("Рахмат!\n\n1 дек. 2026 г., в 10:00, Issyk-Kul appeals <appeals@example.kg>:\n> Урматтуу Айгүл")]
    [InlineData("Рахмат!\n\nВторник, 1 декабря 2026, 10:00 +03:00 от Issyk-Kul appeals <appeals@example.kg>:\n> Урматтуу Айгүл")]
    [InlineData("Рахмат!\n\n01.12.2026 10:00 Администрация написал(а):\n> Урматтуу Айгүл")]
    [InlineData("Рахмат!\n\nАдминистрация пишет:\n> Урматтуу Айгүл")]
    [InlineData("Рахмат!\n\nШейш., 1-дек. 2026 10:00 Issyk-Kul appeals жазды:\n> Урматтуу Айгүл")]
    [InlineData("Рахмат!\n\n-----Original Message-----\nFrom: appeals@example.kg\nУрматтуу Айгүл")]
    [InlineData("Рахмат!\n\n-----Исходное сообщение-----\nОт: appeals@example.kg\nУрматтуу Айгүл")]
    [InlineData("Рахмат!\n\nFrom: Issyk-Kul appeals <appeals@example.kg>\nSent: Tuesday, December 1, 2026 10:00\nУрматтуу Айгүл")]
    [InlineData("Рахмат!\n\nОт: Issyk-Kul appeals <appeals@example.kg>\nОтправлено: 1 декабря 2026 г. 10:00\nУрматтуу Айгүл")]
    [InlineData("Рахмат!\n-- \nАйгүл Асанова\n+971 50 123 4567")]
    [InlineData("Рахмат!\n\nSent from my iPhone")]
    [InlineData("Рахмат!\r\n\r\nОтправлено с моего iPhone\r\n")]
    public void Quoted_history_signatures_and_device_lines_are_cut(string body) => Assert.Equal("Рахмат!", EmailText.WithoutHistory(body));

    [Fact]
    public void Quoted_lines_between_the_persons_answers_are_left_out_and_the_answers_kept()
    {
        const string body = "> Кайда келиш керек?\nБишкекке.\n> Качан?\nИшембиде.\n";
        Assert.Equal("Бишкекке.\nИшембиде.", EmailText.WithoutHistory(body));
    }

    [Fact]
    public void A_line_that_only_mentions_a_sender_or_a_date_is_kept()
    {
        const string body = "From: my village, Tamga.\nI wrote to you on 1 December: no answer yet.";
        Assert.Equal(body, EmailText.WithoutHistory(body));
    }
}
