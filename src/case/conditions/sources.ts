/**
 * Publications the presets cite, each spelt once so that the figures and the
 * preset's `sources` list agree. Only works whose figures were read (abstract or
 * text) are here; numbers that none of them gives are marked 'estimate' instead.
 */
export const SRC = {
  // Chest wall
  kimSpd: {
    cite: 'Kim, Lee & Kim 2002, J Korean Acad Rehabil Med 26:781',
    about: 'skin-to-pleura distance in the interscapular intercostal space 3.7 ± 0.7 cm (CT, 50 adults, mean BMI 21)',
  },
  wada: {
    cite: 'Wada et al. 2025, J Phys Ther Sci 37:84',
    about: 'skin-to-rib distance at the 5th rib near acupoint BL43, prone, 2.7 ± 0.4 cm (ultrasound, 18 men)',
  },
  hung: {
    cite: 'Hung et al. 2011, J Clin Ultrasound 39:78',
    about: 'interscapular trapezius, rhomboid and serratus posterior thickness near the medial border of the scapula, ultrasound, 55 young adults',
  },
  icAtlas: {
    cite: "'Intercostal nerve block', ch. 51 of an ultrasound-guided procedures atlas (radiologykey.com/intercostal-nerve-block)",
    about:
      'nerve between internal and innermost intercostal muscles, artery and vein above it; proximally in the midzone of the space in 73 %, subcostal in 17 %; intercostal arteries 3-4 mm',
  },
  ribAngle: {
    cite: 'NYSORA 2022, ultrasound pain block tip of the week: intercostal nerve block',
    about: 'the angle of the rib, 6-7.5 cm from the spinous process, where the nerve has not yet branched',
  },
  asfazadourian: {
    cite: 'Asfazadourian et al. 1999, Chir Main 18:243',
    about: 'fascicular (axon-bearing) area of the upper intercostal nerves 0.34 mm² at the mid-axillary line, 0.23 mm² parasternal',
  },
  thoracoabdominal: {
    cite: "Surg Radiol Anat, 'The thoracoabdominal intercostal nerves: an anatomical study for their use in neurotization' (doi:10.1007/s00276-004-0281-8)",
    about: 'lateral cutaneous branch leaves the 9th-11th nerves 9.5-21 cm from their emergence in the posterior intercostal space',
  },
  huang: {
    cite: 'Huang et al. 2022, Semin Intervent Radiol 39:167 (doi:10.1055/s-0042-1745763)',
    about: 'intercostal cryoneurolysis: image-guided placement at the nerve under the rib; pneumothorax the complication to avoid',
  },
  koethe: {
    cite: 'Koethe, Mannes & Wood 2014, Cardiovasc Intervent Radiol 37:843',
    about: 'inaccurate intercostal cryoprobe placement risks haemo- or pneumothorax; trajectory planning and ablation-zone simulation',
  },
  usIntercostal: {
    cite: "'Ultrasound-guided percutaneous cryoanalgesia of intercostal nerves for uniportal VATS', Ultrasound J 2022 (doi:10.1186/s13089-022-00284-4)",
    about: 'high-frequency ultrasound 5-7 cm from the spine; cryoprobe beside the nerve through a 14 G cannula; the ice ball seen on ultrasound',
  },
  kimNuss: { cite: 'Kim, Idowu & Lee, J Pediatr Surg Specialties 10(1)', about: 'transthoracic intercostal cryoanalgesia, 2 min at -60 °C per nerve' },
  // Low back
  crestTunnel: {
    cite: "'Anatomic considerations of superior cluneal nerve at posterior iliac crest region' (cadaver study of 15 bodies, cited as Lu et al. by Kumar 2022)",
    about: 'medial branch in an osteofibrous tunnel of thoracolumbar fascia and crest, 81 mm from the midline',
  },
  tubbs: {
    cite: 'Tubbs et al. 2010, J Neurosurg Spine (doi:10.3171/2010.3.SPINE09747)',
    about: 'superior cluneal nerves 1.1 mm in diameter, crossing the crest 5, 6.5 and 7.3 cm lateral to the PSIS (20 cadaver sides)',
  },
  iwanaga: {
    cite: 'Iwanaga et al. 2019, World Neurosurg 125:e925',
    about: 'bony groove of the medial superior cluneal nerve on the crest in 55 % of sides, 65.3 mm from the midline',
  },
  kumarScn: {
    cite: 'Kumar, Ghidan & Munoz 2022, ASRA Pain Medicine News',
    about:
      'superior cluneal nerves supply the skin over the posterior iliac crest and the superior gluteal region; the medial branch passes an osteofibrous tunnel',
  },
  // Groin
  eichenberger: {
    cite: 'Eichenberger et al. 2006, Br J Anaesth 97:238',
    about: 'ultrasound-guided ilioinguinal/iliohypogastric blocks: nerve size, distances',
  },
  alshammari: { cite: 'Alshammari et al. 2022, Adv Hum Biol 12:260', about: 'ilioinguinal nerve course and thickness, cadavers' },
  tahan: { cite: 'Tahan et al. 2016, J Physiol Anthropol 35', about: 'abdominal muscle thickness: transversus < external oblique < internal oblique' },
  gofeld: {
    cite: "Gofeld & Eichenberger, 'Ultrasound-guided ilioinguinal and iliohypogastric nerve blocks' (atlas chapter)",
    about: 'course and sensory territories',
  },
  // Thigh
  ng: {
    cite: 'Ng et al. 2008, Anesth Analg 107:1070',
    about: 'ultrasound identifies the lateral femoral cutaneous nerve: 6 mm deep, 10-25 mm medial to the ASIS',
  },
  zhu: { cite: 'Zhu et al. 2012, BMC Musculoskelet Disord 13:227', about: 'LFCN cross-sectional area 1.04 mm², 15.6 mm from the ASIS, 240 nerves' },
  park: { cite: 'Park et al. 2015, Ann Rehabil Med 39', about: 'ultrasound-guided LFCN conduction: cross-sectional area 4.2 mm²' },
  finneran: { cite: 'Finneran et al. 2022, Reg Anesth Pain Med 47:60', about: 'percutaneous cryoneurolysis of the LFCN' },
  // Forefoot
  pollak: { cite: 'Pollak et al. 1992, J Foot Surg 31:534', about: "sonographic size of Morton's neuroma: 6.2 mm resected, 4.9 mm not resected" },
  leeMn: { cite: 'Lee et al. 2007, Korean J Radiol 8:148', about: 'Morton neuroma: mean 4.9 mm on ultrasound' },
  cazzato: {
    cite: 'Cazzato et al. 2016, Cardiovasc Intervent Radiol 39:1491',
    about: "MR-guided cryoablation of Morton's neuroma: mean size 12.7 mm, probe into the centre",
  },
  ruizHerrera: {
    cite: 'Ruiz-Herrera et al. 2022, Diagnostics 12:1367',
    about: "Morton's neuroma lies in the space inferior to the deep transverse metatarsal ligament",
  },
  cavanagh: { cite: 'Cavanagh 1999, J Biomech 32', about: 'plantar soft tissue under the 2nd metatarsal head: 15.2 mm unloaded' },
  mickle: {
    cite: "'Soft tissue thickness under the metatarsal heads is reduced in older people with toe deformities' (2011, 312 adults over 60, La Trobe)",
    about: '8.5 mm under the 1st, 5.5 mm under the 5th metatarsal head',
  },
  caporusso: { cite: 'Caporusso and Fallat 2002, J Foot Ankle Surg 41:286', about: 'N2O cryoneuroablation of lower extremity neuromas at -70 °C' },
  mnUltrasound: {
    cite: "'Safety and efficacy of percutaneous Morton neuroma cryoneurolysis under ultrasound guidance', Cardiovasc Intervent Radiol 2024 (doi:10.1007/s00270-024-03669-1)",
    about: '55 procedures: two chilblain-type skin lesions and one bone insufficiency fracture (CIRSE grade 2); complete relief in 60 %',
  },
  kumarMn: { cite: 'Kumar & Srbljak 2022, ASRA Pain Medicine News', about: "Morton's neuroma: third intermetatarsal space in 66 %" },
  // Protocols
  rizk: {
    cite: "Rizk & Balasubramanian, 'Cryoneurolysis of peripheral nerves' (procedures atlas, via the project's PHYSICS.md)",
    about: '1.0-1.5 min freezes, freeze-thaw-refreeze with a 20-30 s thaw',
  },
} as const;

export const ESTIMATE = 'estimate';

export type Source = { cite: string; about: string };

/** A preset's `sources`: each publication with what the preset takes from it. */
export const cited = (...s: Source[]): string[] => s.map((x) => `${x.cite}: ${x.about}`);

/** A value with its unit, as figures show it (no trailing zeros). */
export const mm = (v: number) => `${+v.toFixed(2)} mm`;
