/**
 * Stopwords for term trends: English and Arabic function words, plus the noise of tweet
 * archives (`rt`, `amp`, `via`, link debris). Arabic entries are written folded (as `termKey`
 * folds text: ا for أ/إ/آ, ي for ى, ه for ة), so they match however the writer spelled them.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  // English
  ...(
    'a an the and or but if then else of to in on at by for with from into onto over under ' +
    'about after before between through during without within against among up down out off ' +
    'is are was were be been being am do does did done have has had having will would shall ' +
    'should can could may might must i me my mine we us our ours you your yours he him his she ' +
    'her hers it its they them their theirs this that these those there here what which who ' +
    'whom whose when where why how all any both each few more most other some such no nor not ' +
    'only own same so than too very just also now again once as s t don doesn didn isn aren ' +
    'wasn weren won wouldn let lets get got one two new like im its dont'
  ).split(' '),
  // Tweet and web noise
  ...'rt amp via http https www com co t html gt lt'.split(' '),
  // Arabic (folded)
  ...(
    'في من علي الي عن مع هذا هذه ذلك تلك التي الذي الذين اللذين اللتين هو هي هم هن انا نحن انت ' +
    'انتم كان كانت يكون تكون كانوا قد لقد لا لم لن ما ماذا متي اين كيف هل او ام ثم بل لكن ' +
    'ان انه انها اذا اذ حتي كل بعض غير بين عند عندما منذ قبل بعد فوق تحت حيث ايضا وقد ولا ' +
    'وهو وهي وفي ومن وعلي والي ولم وما فيه فيها منه منها عليه عليها اليه به بها لها له لهم ' +
    'يا و ف ب ل ك ال الا الله'
  ).split(' '),
]);
