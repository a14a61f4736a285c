"""Tests of kb.text.gazetteer: places, combined short forms, canonical keys, organisations."""

from kb.text import gazetteer as g


def names(text):
    return [n for n, _, _ in g.find_places(text)]


def test_provinces_cities_and_regions():
    assert names("北京市、天津和河北省的数据") == ["北京", "天津", "河北"]
    assert names("2022年京津冀地区电子商务交易额") == ["京津冀"]
    assert names("京津冀城市群与长三角城市群") == ["京津冀", "长三角"]
    assert names("广州和深圳、石家庄市") == ["广州", "深圳", "石家庄"]
    assert names("粤港澳大湾区内地九市和大湾区") == ["大湾区内地九市", "大湾区"]


def test_nation_words_become_quanguo():
    assert names("我国数字经济") == ["全国"]
    assert names("中国数字经济规模") == ["全国"]
    assert names("其中国家级孵化器") == []          # 其中国家 is not 中国
    assert names("国内生产总值增长5%") == []


def test_combined_short_forms():
    # a run keeps the document's combined form; members() expands it
    assert names("京冀两地分别增长") == ["京冀"]
    assert names("其中京津各拥有1个") == ["京津"]
    assert names("以广深为中心") == ["广深"]
    assert g.members("广深") == ["广州", "深圳"]
    assert names("新京报记者") == []                # 新京 + 报 is a newspaper, not places
    assert names("苏浙皖三省合计") == ["苏浙皖"]
    assert names("云川省地区生产总值") == []         # 省 with no number: one province of its own name
    assert g.members("京冀") == ["北京", "河北"]
    assert g.members("京津冀") == ["北京", "天津", "河北"]


def test_book_titles_and_names_are_not_places():
    assert names("《中国科技统计年鉴》显示") == []
    assert names("北京大学的经费") == []


def test_canonical_and_aliases():
    assert g.canonical("北京市") == "北京"
    assert g.canonical("大湾区") == g.canonical("粤港澳大湾区") == "粤港澳大湾区"
    assert g.canonical("我国") == "全国"
    assert g.canonical("京津冀地区") == "京津冀"
    assert {"大湾区", "粤港澳大湾区"} <= g.aliases("大湾区")
    assert g.is_place("长江三角洲") and not g.is_place("数字经济")


def test_organisations():
    orgs = [n for n, _, _ in g.find_organisations("2018年,北京市经济和信息化局加挂北京市大数据管理局牌子")]
    assert orgs == ["北京市经济和信息化局", "北京市大数据管理局"]
    assert [n for n, _, _ in g.find_organisations("2023年10月,国家数据局挂牌成立")] == ["国家数据局"]
    assert g.find_organisations("形成了互利共赢的发展格局") == []


def test_organisation_drops_a_leading_preposition():
    from kb.text.gazetteer import find_organisations
    assert [o[0] for o in find_organisations("以江南先进材料研究院为例，该院已转化成果。")] == ["江南先进材料研究院"]


def test_organisation_drops_a_leading_zhan():
    # 占六家公司合计… / 占地方政府性基金…: 占 is the share's verb, no part of a name
    from kb.text.gazetteer import find_organisations
    assert all(not o[0].startswith("占") for o in find_organisations("合计派现40.2亿元，占六家公司合计归母净利润的36.8%。"))
    assert all(not o[0].startswith("占") for o in find_organisations("公立医院占医院总数的32.1%。"))


def test_longer_forms_of_a_region_show_its_short_name():
    assert names("长株潭城市群发展加快") == ["长株潭"]
    assert names("成渝双城经济圈建设") == ["成渝"]
    assert names("双城经济圈应加快建设") == ["成渝"]          # listed in places.json as_name


def test_words_ending_in_ju_are_not_organisations():
    assert g.find_organisations("长株潭一体化建设开局良好") == []
    assert [o[0] for o in g.find_organisations("据湖南省统计局统计")] == ["湖南省统计局"]


def test_zones_and_metropolitan_areas_are_whole_names():
    assert names("深汕特别合作区地区生产总值") == ["深汕特别合作区"]
    assert names("深圳都市圈协同发展") == ["深圳都市圈"]
    assert g.members("深圳都市圈") == ["深圳", "东莞", "惠州"]


def test_title_place_names_unlisted_counties():
    assert g.title_place("青溪县2023年国民经济和社会发展统计公报") == "青溪"
    assert g.title_place("关于白石县2022年国民经济和社会发展计划执行情况") == "白石"
    # after the title's opening year and period, when what follows is a report's topic
    assert g.title_place("2024年前三季度青溪市居民收入和消费支出情况") == "青溪"
    assert g.title_place("2024年经济大省运行态势比较") == ""
    assert g.title_place("2023年江西省金融运行报告") == "江西"
    assert g.title_place("某某观察：产业与开放") == ""
    # a stem made of abbreviations keeps its level: one place, not the run 云 + 川
    assert g.title_place("2025年云川省人民政府工作报告") == "云川省"


def test_time_and_scope_words_do_not_start_an_organisation():
    assert g.find_organisations("年末全省银行业金融机构不良贷款率1.2%") == []
    assert [o[0] for o in g.find_organisations("年末全市农商银行发放贷款")] == ["农商银行"]


def test_a_per_head_phrase_or_a_verb_before_an_organisation_word_is_no_name():
    # 每万人拥有医院病床数 / 具有大学文化程度: 医院 and 大学 here are kinds, not named organisations
    assert g.find_organisations("年末每万人拥有医院病床数21.7张") == []
    assert g.find_organisations("全市常住人口中，具有大学文化程度的人口126.80万人") == []
    assert [o[0] for o in g.find_organisations("全年北京大学科研经费35.6亿元")] == ["北京大学"]


def test_countries_and_economies_are_places_of_kind_economy():
    assert names("对日本、韩国和东盟出口") == ["日本", "韩国", "东盟"]
    assert names("与中国台湾地区、中国澳门的贸易") == ["台湾", "澳门"]
    assert names("对共建“一带一路”国家进出口") == ["共建“一带一路”国家"]
    assert g.kind("欧盟") == "economy" and g.kind("香港") == "" and g.kind("北京") == ""
    assert names("执法国家标准") == []   # 执法 + 国家, not 法国


def test_verb_and_generic_company_are_no_organisation():
    from kb.text.gazetteer import find_organisations
    assert find_organisations("完成归属于上市公司股东的净利润3亿元") == []


def test_the_verb_ban_is_no_office():
    """办 is an office (扶贫办) only where no verb reading fits: 举办, 办学, 办成, 办法 are verbs."""
    from kb.text.gazetteer import find_organisations
    for sentence in ("展销会连续三年成功举办；", "新批准8个中外合作办学机构。", "新增30个“高效办成一件事”事项",
                     "出台仓储管理办法等5项制度", "高水平办好城市篮球联赛", "40%公办中小学校纳入集团化管理"):
        assert find_organisations(sentence) == [], sentence
    assert [o[0] for o in find_organisations("省扶贫办、省财政厅联合发文")] == ["省扶贫办", "省财政厅"]


def test_a_counted_kind_of_body_is_no_organisation():
    """7家…运营中心 / 15所高职院校: a number and a measure word count a kind of body."""
    from kb.text.gazetteer import find_organisations
    assert find_organisations("认定9家跨境资金结算中心") == []
    assert find_organisations("12所高职院校入选") == []
    assert find_organisations("常驻两院院士增至12人。") == []
    assert find_organisations("其中医院病床500张") == []


def test_verbs_and_kinds_of_government_do_not_open_a_name():
    from kb.text.gazetteer import find_organisations
    assert find_organisations("废止市政府规章12件。") == []
    assert find_organisations("争取地方政府专项债券额度300亿元") == []
    assert find_organisations("主要支持大中型集团企业的资金需要") == []
    assert [o[0] for o in find_organisations("成立外贸发展指挥部")] == ["外贸发展指挥部"]


def test_a_name_after_among_starts_after_it():
    """医药企业中华康制药公司…: 中 after a group of bodies means "among"."""
    from kb.text.gazetteer import find_organisations
    assert [o[0] for o in find_organisations("医药企业中华康制药公司研发强度最高")] == ["华康制药公司"]


def test_a_city_knows_its_province():
    from kb.text.gazetteer import province_of
    assert (province_of("宜昌"), province_of("宜昌市"), province_of("湖北"), province_of("某市")) == ("湖北", "湖北", "", "")


def test_prepositions_comparisons_and_scales_do_not_open_a_name():
    from kb.text.gazetteer import find_organisations
    assert [o[0] for o in find_organisations("根据世界银行的估计")] == ["世界银行"]
    assert [o[0] for o in find_organisations("毛利率为24%，低于低研发公司的28%")] == ["低研发公司"]
    assert find_organisations("8家300亿以上市值公司") == []


def test_a_brief_names_its_county_or_city_before_its_period_or_after_it():
    from kb.text.gazetteer import title_place

    assert title_place("2023年前三季度桐源县经济运行情况") == "桐源"
    assert title_place("2023年一季度桐源市主要经济指标") == "桐源"


def test_a_county_named_after_its_city_is_a_place_of_its_own():
    assert g.find_places("长沙县GDP占十强县合计的22.2%") == [("长沙县", 0, 3)]
    assert g.find_places("南昌县、进贤县地区生产总值") == [("南昌县", 0, 3), ("进贤县", 4, 7)]
    assert g.find_places("长沙市GDP") == [("长沙", 0, 3)]
    assert g.find_places("长沙县域经济") == [("长沙", 0, 2)]     # 县域: the city's counties, not 长沙县


def test_county_level_cities_counties_and_districts_are_places():
    assert g.find_places("昆山、江阴、张家港分列前三") == [("昆山", 0, 2), ("江阴", 3, 5), ("张家港", 6, 9)]
    assert g.find_places("常熟市、德清县、海淀区和准格尔旗") == [
        ("常熟", 0, 3), ("德清县", 4, 7), ("海淀区", 8, 11), ("准格尔旗", 12, 16)]
    # a county or district only with its suffix; an autonomous county by its short name too
    assert g.find_places("德清的湖") == []
    assert g.canonical("陵水黎族自治县") == g.canonical("陵水县")
    # a county made a city since the data were drawn
    assert g.find_places("宁乡市、邵东市") == [("宁乡", 0, 3), ("邵东", 4, 7)]
    assert (g.province_of("昆山"), g.province_of("德清县")) == ("江苏", "浙江")
    assert [g.place_level(p) for p in ("江苏", "苏州", "昆山", "全国", "长三角")] == [
        "province", "city", "county", "", ""]


def test_a_county_level_name_inside_common_words_is_no_place():
    assert g.find_places("总书记再次亲临海南") == [("海南", 7, 9)]       # 临海 inside 亲临
    assert g.find_places("居世界首位") == []                             # 界首
    assert g.find_places("建设滨海城市带") == []                          # 海城市
    assert g.find_places("打造信息公开平台") == []                        # 开平
    assert g.find_places("更好适应城乡区域协调") == []                     # 应城
    assert g.find_places("社会安宁，坚如磐石") == []                       # ordinary words
    assert g.find_places("合作市") == [("合作", 0, 3)]                    # only with 市
    assert g.find_places("东部三大城市群") == []                          # 大城县 → 大城市 is "big city"
    # a time or a function word before a place makes no word with it
    assert g.find_places("上半年青州市规模以上工业") == [("青州", 3, 6)]
    assert g.find_places("昆山市场监督管理局") == [("昆山", 0, 2)]


def test_a_number_of_companies_is_no_organisation():
    assert g.find_organisations("毛利率在六家公司中最高") == []
    assert g.find_organisations("两家银行合计") == []


def test_a_kind_of_hospital_or_school_is_no_organisation():
    from kb.text.gazetteer import find_organisations, is_generic_kind
    # statistical releases count institutions by ownership and grade: kinds, not bodies
    assert find_organisations("医院中，公立医院135个，民营医院285个") == []
    assert find_organisations("按医院等级分，三级医院28个，二级医院76个，未定级医院127个") == []
    assert find_organisations("学校中，民办学校85所") == []
    assert is_generic_kind("公立医院") and is_generic_kind("上市公司") and not is_generic_kind("湘雅医院")


def test_a_name_starts_after_have_by_and_the_share_verb():
    from kb.text.gazetteer import find_organisations
    assert find_organisations("年末全市共有医院420个") == []
    assert find_organisations("公立医院占医院总数的32.1%") == []
    assert find_organisations("有研科技集团营业收入增长5%") == [("有研科技集团", 0, 6)]   # 有 of a name stays
