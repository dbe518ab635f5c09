#!/usr/bin/env python3
"""Writes common-passwords.txt: passwords that guessing tools try first, built from well-known patterns.

Not copied from a leaked list: base words people choose (English, Russian and Kyrgyz in Latin letters, Cyrillic
typed on a Latin layout, the product's own words), keyboard walks, digit runs, years and dates, and the suffixes
people add to pass a length rule. Only what a password rule of 8+ characters would let through is kept. Lower case:
the check ignores case. Run it again after changing the patterns: python3 generate.py > common-passwords.txt
"""

WORDS = """
password passw0rd p@ssword p@ssw0rd pass secret letmein welcome admin administrator root login user guest master
qwerty azerty iloveyou loveyou love lovely princess sunshine shadow monkey dragon football baseball soccer hockey
superman batman starwars pokemon michael jennifer jordan hunter ranger buster tigger charlie thomas robert daniel
freedom whatever trustno1 computer internet samsung iphone google facebook instagram telegram whatsapp youtube
hello hellokitty flower summer winter autumn spring chocolate cookie cheese banana orange purple silver golden
money family friends forever angel angels killer matrix mustang harley ferrari porsche mercedes toyota nissan
changeme default temp temporary test tester testing example sample office company manager support service server
parol parol123 privet lubov lyubov solnce solnyshko zvezda kotik zaichik malysh mama papa babushka moskva russia
rossiya spartak zenit cska dinamo natasha nastya masha sasha dasha katya olga elena tanya svetlana irina marina
vladimir dmitriy sergey andrey alexey aleksey maxim ivan nikolay pavel artem denis roman
kyrgyzstan kyrgyz kirgizia kirghizia bishkek frunze osh karakol naryn talas batken jalalabad jalal-abad chui chuy
issykkul issyk-kul ysykkol ysyk-kol tokmok kant balykchy manas ala-too alatoo tenir tengri kumys beshbarmak
aigul aiperi ainura aizhan asel asan azamat bakyt bolot cholpon dastan elmira gulnara gulmira jyldyz kanat
kubanych meerim nurlan nurbek ruslan saltanat talant timur ulan urmat zarina zhyldyz emil erlan bekzat aibek
salam salamatsyzby rahmat rakhmat jakshy kyrgyzcha meken ata-meken atameken eldik
campaign campaignengine campaign-engine diaspora compatriot compatriots migrant migrants certificate
""".split()

# Russian and Kyrgyz words typed with the keyboard left on the Latin layout (пароль -> gfhjkm).
LAYOUT_SLIPS = """
gfhjkm gfhjkm123 ghbdtn ntcn qwerty123 vfvf vfif kexibq rjirf ktyf cjkywt ,fyfy vjcrdf rehdf
""".split()

KEYBOARD = """
qwertyui qwertyuiop asdfghjk asdfghjkl zxcvbnm, zxcvbnm1 1qaz2wsx 1qaz2wsx3edc qazwsxedc qazwsx123 zaq12wsx
zaq1zaq1 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4 q1w2e3r4t5 qweasdzxc qweqweqwe asdasdasd zxczxczxc
!qaz2wsx !qaz@wsx 1qazxsw2 qwer1234 asdf1234 zxcv1234 1234qwer 1234asdf qwerasdf poiuytre lkjhgfds mnbvcxz
йцукенгш йцукенгшщз фывапролд ячсмитьб qwertyqwerty abcd1234 abcdefgh abc12345 abcabcabc a1b2c3d4 a1s2d3f4
""".split()

# The words people reach for first get a year too (the year of birth, or the year the password was set).
TOP_WORDS = set("""
password passw0rd p@ssword qwerty iloveyou welcome admin letmein monkey dragon football princess sunshine
parol privet lubov kyrgyzstan bishkek manas issykkul naryn talas batken osh karakol jalalabad chui
campaign diaspora summer winter spring autumn changeme default
""".split())
YEARS = range(1980, 2031)

SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "!", "!!", "1!", "123!", "@", "#", "01", "007",
            "69", "777", "888", "99", "00", "2000", "1990", "_1", ".", "?"]


def digit_runs():
    runs = set()
    for length in range(8, 13):
        runs.add("".join(str((i + 1) % 10) for i in range(length)))   # 12345678…
        runs.add("".join(str(i % 10) for i in range(length)))         # 01234567…
        runs.add("".join(str(9 - i % 10) for i in range(length)))     # 98765432…
        runs.add("".join(str((8 - i) % 10 or 0) for i in range(length)))
        for d in "0123456789":
            runs.add(d * length)                                     # 11111111
        for pair in ("12", "21", "69", "01", "10", "13", "77", "123", "321", "147", "159", "258", "369", "1234"):
            runs.add((pair * length)[:length])
    runs.update({"87654321", "11223344", "12344321", "12341234", "11112222", "12121212", "13579246", "24682468",
                 "147258369", "159753456", "741852963", "963852741", "123123123", "123321123", "102030405"})
    return runs


def dates():
    found = set()
    for year in range(1960, 2011):
        for month in range(1, 13):
            found.add(f"01{month:02d}{year}")                        # a birthday, day first as written here
    return found


def main():
    found = set()
    for word in WORDS + LAYOUT_SLIPS:
        for suffix in SUFFIXES:
            found.add(word + suffix)
        for year in (YEARS if word in TOP_WORDS else ()):
            found.add(f"{word}{year}")
        found.add(word + word)
        found.add(word.replace("a", "@").replace("o", "0").replace("e", "3").replace("i", "1") + "1")
    found.update(KEYBOARD)
    for walk in KEYBOARD:
        for suffix in ("1", "123", "!"):
            found.add(walk + suffix)
    found.update(digit_runs())
    found.update(dates())
    kept = sorted(p.lower() for p in found if 8 <= len(p) <= 64)
    print("\n".join(dict.fromkeys(kept)))


main()
